// Retention resolution (docs/reference/retention.md): per-state entries override the default; no policy = 30 days.
import { describe, expect, it } from "vitest";
import {
  DAY_MS,
  purgeBatches,
  retentionDays,
  STATE_STATUS,
} from "../../../emulator/retention/policy";

describe("retentionDays", () => {
  const policy = [
    { retentionPeriodInDays: 1 },
    { retentionPeriodInDays: 0, orchestrationState: "Completed" as const },
    { retentionPeriodInDays: 60, orchestrationState: "Failed" as const },
  ];
  it("uses the state's entry, else the default entry (the Learn autopurge example [{1},{0,Completed},{60,Failed}])", () => {
    expect(retentionDays(policy, "Completed")).toBe(0);
    expect(retentionDays(policy, "Failed")).toBe(60);
    expect(retentionDays(policy, "Canceled")).toBe(1);
    expect(retentionDays(policy, "Terminated")).toBe(1);
  });
  it("falls back to 30 days without a policy or without a default entry", () => {
    expect(retentionDays(undefined, "Completed")).toBe(30);
    expect(
      retentionDays([{ retentionPeriodInDays: 5, orchestrationState: "Failed" }], "Completed"),
    ).toBe(30);
  });
});

describe("purgeBatches", () => {
  it("groups states by days with the cut-off now - days", () => {
    const now = 100 * DAY_MS;
    expect(
      purgeBatches(
        [{ retentionPeriodInDays: 7 }, { retentionPeriodInDays: 30, orchestrationState: "Failed" }],
        now,
      ),
    ).toEqual([
      {
        days: 7,
        completedBefore: now - 7 * DAY_MS,
        statuses: [STATE_STATUS.Completed, STATE_STATUS.Terminated, STATE_STATUS.Canceled],
      },
      { days: 30, completedBefore: now - 30 * DAY_MS, statuses: [STATE_STATUS.Failed] },
    ]);
  });
});
