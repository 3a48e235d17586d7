import { describe, expect, it } from "vitest";
import {
  retentionPolicyEntries,
  retentionWithDefaults,
  validateRetention,
} from "../../components/retention/args";

describe("retention", () => {
  it("defaults to the service's 30 days and never mutates its argument", () => {
    expect(retentionWithDefaults(undefined)).toEqual({ default: 30 });
    const args = { failed: 90 };
    expect(retentionWithDefaults(args)).toEqual({ default: 30, failed: 90 });
    expect(args).toEqual({ failed: 90 });
  });

  it("emits the default entry first, then each override with its ARM orchestration state", () => {
    expect(
      retentionPolicyEntries({ default: 1, canceled: 2, completed: 0, failed: 60, terminated: 5 }),
    ).toEqual([
      { retentionPeriodInDays: 1 },
      { retentionPeriodInDays: 0, orchestrationState: "Completed" },
      { retentionPeriodInDays: 60, orchestrationState: "Failed" },
      { retentionPeriodInDays: 5, orchestrationState: "Terminated" },
      { retentionPeriodInDays: 2, orchestrationState: "Canceled" },
    ]);
  });

  it("checks every day count against the SKU's maximum", () => {
    expect(validateRetention({ default: 30, failed: 31, canceled: -1 }, "Consumption")).toEqual([
      {
        path: ["failed"],
        message: "expected a whole number of days from 0 to 30 on the Consumption SKU, got 31",
      },
      {
        path: ["canceled"],
        message: "expected a whole number of days from 0 to 30 on the Consumption SKU, got -1",
      },
    ]);
    expect(validateRetention({ default: 90, failed: 90 }, "Dedicated")).toEqual([]);
  });
});
