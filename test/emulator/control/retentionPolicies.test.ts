// ARM retention policies over HTTP: the singleton `default`, day ranges per SKU, duplicate entries, PATCH, DELETE.
/* eslint-disable @typescript-eslint/no-unsafe-member-access -- ARM bodies are untyped JSON (inject's json()); the assertions pin their shape. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { V, schedulerBody, schedulerPath, startArmFixture, type ArmFixture } from "./armFixture";

let f: ArmFixture;
beforeEach(async () => {
  f = await startArmFixture();
  await f.app.inject({
    method: "PUT",
    url: `${schedulerPath("dts-dedicated")}?${V}`,
    payload: schedulerBody(),
  });
  await f.app.inject({
    method: "PUT",
    url: `${schedulerPath("dts-consumption")}?${V}`,
    payload: schedulerBody({ properties: { ipAllowlist: [], sku: { name: "Consumption" } } }),
  });
});
afterEach(async () => {
  await f.close();
});

const url = (scheduler: string, name = "default") =>
  `${schedulerPath(scheduler)}/retentionPolicies/${name}?${V}`;
const errorOf = (r: { json(): unknown }) =>
  (r.json() as { error: { code: string; message: string } }).error;
const body = (entries: unknown) => ({ properties: { retentionPolicies: entries } });

describe("retention policies", () => {
  it("PUT creates (201) and replaces (200); GET and list return it", async () => {
    const entries = [
      { retentionPeriodInDays: 1 },
      { retentionPeriodInDays: 60, orchestrationState: "Failed" },
    ];
    const created = await f.app.inject({
      method: "PUT",
      url: url("dts-dedicated"),
      payload: body(entries),
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers["azure-asyncoperation"]).toBeDefined();
    expect(created.json()).toMatchObject({
      name: "default",
      type: "Microsoft.DurableTask/schedulers/retentionPolicies",
      properties: { provisioningState: "Succeeded", retentionPolicies: entries },
    });
    const replaced = await f.app.inject({
      method: "PUT",
      url: url("dts-dedicated"),
      payload: body([{ retentionPeriodInDays: 5 }]),
    });
    expect(replaced.statusCode).toBe(200);
    const get = await f.app.inject({ method: "GET", url: url("dts-dedicated") });
    expect(get.json().properties.retentionPolicies).toEqual([{ retentionPeriodInDays: 5 }]);
    const list = await f.app.inject({
      method: "GET",
      url: `${schedulerPath("dts-dedicated")}/retentionPolicies?${V}`,
    });
    expect(list.json().value).toHaveLength(1);
  });

  it.each([
    ["dts-dedicated", 91, "must be between 0 and 90 days on the Dedicated SKU, got 91."],
    ["dts-dedicated", -1, "must be between 0 and 90 days on the Dedicated SKU, got -1."],
    ["dts-consumption", 31, "must be between 0 and 30 days on the Consumption SKU, got 31."],
  ])("refuses %s with %i days", async (scheduler, days, message) => {
    const response = await f.app.inject({
      method: "PUT",
      url: url(scheduler),
      payload: body([
        { retentionPeriodInDays: 1 },
        { retentionPeriodInDays: days, orchestrationState: "Completed" },
      ]),
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response)).toEqual({
      code: "ValidationError",
      message: `properties.retentionPolicies[1].retentionPeriodInDays: ${message}`,
    });
    expect((await f.app.inject({ method: "GET", url: url(scheduler) })).statusCode).toBe(404);
  });

  it("accepts 0 days (purge as soon as possible)", async () => {
    const response = await f.app.inject({
      method: "PUT",
      url: url("dts-consumption"),
      payload: body([{ retentionPeriodInDays: 0 }]),
    });
    expect(response.statusCode).toBe(201);
  });

  it("refuses two default entries and a repeated state", async () => {
    const twoDefaults = await f.app.inject({
      method: "PUT",
      url: url("dts-dedicated"),
      payload: body([{ retentionPeriodInDays: 1 }, { retentionPeriodInDays: 2 }]),
    });
    expect(errorOf(twoDefaults).message).toBe(
      "properties.retentionPolicies[1]: more than one default entry (an entry without orchestrationState); only one is allowed.",
    );
    const repeated = await f.app.inject({
      method: "PUT",
      url: url("dts-dedicated"),
      payload: body([
        { retentionPeriodInDays: 1, orchestrationState: "Failed" },
        { retentionPeriodInDays: 2, orchestrationState: "Failed" },
      ]),
    });
    expect(errorOf(repeated).message).toBe(
      "properties.retentionPolicies[1].orchestrationState: 'Failed' appears more than once; one entry per state is allowed.",
    );
  });

  it("refuses unknown states, non-integer days and unknown fields", async () => {
    const state = await f.app.inject({
      method: "PUT",
      url: url("dts-dedicated"),
      payload: body([{ retentionPeriodInDays: 1, orchestrationState: "Running" }]),
    });
    expect(errorOf(state).message).toContain(
      'properties.retentionPolicies[0].orchestrationState: expected "Completed" | "Failed" | "Terminated" | "Canceled", got "Running"',
    );
    const days = await f.app.inject({
      method: "PUT",
      url: url("dts-dedicated"),
      payload: body([{ retentionPeriodInDays: "7" }]),
    });
    expect(errorOf(days).message).toContain(
      'properties.retentionPolicies[0].retentionPeriodInDays: expected number, got "7"',
    );
    const extra = await f.app.inject({
      method: "PUT",
      url: url("dts-dedicated"),
      payload: { properties: { retentionPolicies: [], enabled: true } },
    });
    expect(errorOf(extra).message).toContain("properties.enabled: unknown property");
  });

  it("only the name `default` exists", async () => {
    const response = await f.app.inject({
      method: "PUT",
      url: url("dts-dedicated", "custom"),
      payload: body([]),
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("InvalidResourceName");
  });

  it("PATCH replaces the entries of an existing policy; PATCH of a missing one is 404", async () => {
    const missing = await f.app.inject({
      method: "PATCH",
      url: url("dts-dedicated"),
      payload: body([]),
    });
    expect(missing.statusCode).toBe(404);
    await f.app.inject({
      method: "PUT",
      url: url("dts-dedicated"),
      payload: body([{ retentionPeriodInDays: 1 }]),
    });
    const patched = await f.app.inject({
      method: "PATCH",
      url: url("dts-dedicated"),
      payload: body([{ retentionPeriodInDays: 9, orchestrationState: "Terminated" }]),
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().properties.retentionPolicies).toEqual([
      { retentionPeriodInDays: 9, orchestrationState: "Terminated" },
    ]);
  });

  it("DELETE answers 202 then 204", async () => {
    await f.app.inject({
      method: "PUT",
      url: url("dts-dedicated"),
      payload: body([{ retentionPeriodInDays: 1 }]),
    });
    expect((await f.app.inject({ method: "DELETE", url: url("dts-dedicated") })).statusCode).toBe(
      202,
    );
    expect((await f.app.inject({ method: "DELETE", url: url("dts-dedicated") })).statusCode).toBe(
      204,
    );
  });

  it("a Dedicated scheduler with a 60-day policy cannot be switched to Consumption", async () => {
    await f.app.inject({
      method: "PUT",
      url: url("dts-dedicated"),
      payload: body([{ retentionPeriodInDays: 60 }]),
    });
    const response = await f.app.inject({
      method: "PATCH",
      url: `${schedulerPath("dts-dedicated")}?${V}`,
      payload: { properties: { sku: { name: "Consumption" } } },
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).message).toContain(
      "must be between 0 and 30 days on the Consumption SKU, got 60.",
    );
  });
});
