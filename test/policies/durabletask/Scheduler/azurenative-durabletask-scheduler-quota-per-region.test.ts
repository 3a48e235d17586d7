import { describe, expect, it } from "vitest";
import { UNKNOWN } from "../../../../policies/evaluate";
import type { TestResource } from "../../harness";
import {
  messages,
  OTHER_SUBSCRIPTION,
  props,
  runPolicy,
  scheduler,
  SUBSCRIPTION,
} from "../../harness";

const POLICY = "azurenative-durabletask-scheduler-quota-per-region";

function schedulers(count: number, location = "westeurope", prefix = "dts"): TestResource[] {
  return Array.from({ length: count }, (_, i) => scheduler(`${prefix}-${i + 1}`, { location }));
}

describe("azurenative-durabletask-scheduler-quota-per-region", () => {
  it("passes exactly five schedulers in one region", async () => {
    expect(await runPolicy(POLICY, schedulers(5))).toEqual([]);
  });

  it("fails the sixth, naming region, subscription, count and limit", async () => {
    const violations = await runPolicy(POLICY, schedulers(6));
    expect(violations).toEqual([
      {
        policy: POLICY,
        enforcementLevel: "mandatory",
        resource: null,
        message: `6 schedulers in region westeurope ("westeurope") of subscription ${SUBSCRIPTION} exceed the limit of 5 per region per subscription (maxSchedulersPerRegion) — 6 in this stack: dts-1, dts-2, dts-3, dts-4, dts-5, dts-6. Move 1 of them to another region or subscription (or remove them), or raise the limit after a quota increase.`,
      },
    ]);
  });

  it('counts "West Europe", "westeurope" and "WestEurope" as one region', async () => {
    const spelled = [
      scheduler("a-1", { location: "West Europe" }),
      scheduler("a-2", { location: "West Europe" }),
      scheduler("b-1", { location: "westeurope" }),
      scheduler("b-2", { location: "westeurope" }),
      scheduler("c-1", { location: "WestEurope" }),
      scheduler("c-2", { location: "WestEurope" }),
    ];
    expect(messages(await runPolicy(POLICY, spelled))).toEqual([
      `6 schedulers in region westeurope ("West Europe", "WestEurope", "westeurope") of subscription ${SUBSCRIPTION} exceed the limit of 5 per region per subscription (maxSchedulersPerRegion) — 6 in this stack: a-1, a-2, b-1, b-2, c-1, c-2. Move 1 of them to another region or subscription (or remove them), or raise the limit after a quota increase.`,
    ]);
    expect(await runPolicy(POLICY, spelled.slice(1))).toEqual([]);
  });

  it("keeps regions apart", async () => {
    expect(
      await runPolicy(POLICY, [...schedulers(5), ...schedulers(5, "North Europe", "neu")]),
    ).toEqual([]);
  });

  it("adds the inventory's schedulers of the same subscription and region", async () => {
    const inventory = [
      { subscriptionId: SUBSCRIPTION, location: "West Europe", name: "legacy-1" },
      { subscriptionId: SUBSCRIPTION, location: "westeurope", name: "legacy-2" },
    ];
    expect(messages(await runPolicy(POLICY, schedulers(4), { [POLICY]: { inventory } }))).toEqual([
      `6 schedulers in region westeurope ("westeurope") of subscription ${SUBSCRIPTION} exceed the limit of 5 per region per subscription (maxSchedulersPerRegion) — 4 in this stack: dts-1, dts-2, dts-3, dts-4; 2 in the inventory: legacy-1, legacy-2. Move 1 of them to another region or subscription (or remove them), or raise the limit after a quota increase.`,
    ]);
    expect(await runPolicy(POLICY, schedulers(3), { [POLICY]: { inventory } })).toEqual([]);
  });

  it("does not count an inventory entry twice when the stack declares the same scheduler", async () => {
    const inventory = [{ subscriptionId: SUBSCRIPTION, location: "West Europe", name: "DTS-5" }];
    expect(await runPolicy(POLICY, schedulers(5), { [POLICY]: { inventory } })).toEqual([]);
  });

  it("counts each subscription on its own, in the stack and in the inventory", async () => {
    const stack = [
      ...schedulers(3),
      ...Array.from({ length: 3 }, (_, i) =>
        scheduler(`other-${i + 1}`, { subscriptionId: OTHER_SUBSCRIPTION }),
      ),
    ];
    const inventory = [
      { subscriptionId: OTHER_SUBSCRIPTION, location: "westeurope", name: "o-legacy-1" },
      { subscriptionId: OTHER_SUBSCRIPTION, location: "westeurope", name: "o-legacy-2" },
    ];
    expect(await runPolicy(POLICY, stack, { [POLICY]: { inventory } })).toEqual([]);
    inventory.push({
      subscriptionId: OTHER_SUBSCRIPTION,
      location: "westeurope",
      name: "o-legacy-3",
    });
    expect(messages(await runPolicy(POLICY, stack, { [POLICY]: { inventory } }))).toEqual([
      `6 schedulers in region westeurope ("westeurope") of subscription ${OTHER_SUBSCRIPTION} exceed the limit of 5 per region per subscription (maxSchedulersPerRegion) — 3 in this stack: other-1, other-2, other-3; 3 in the inventory: o-legacy-1, o-legacy-2, o-legacy-3. Move 1 of them to another region or subscription (or remove them), or raise the limit after a quota increase.`,
    ]);
  });

  it("honours a configured limit and per-SKU limits", async () => {
    expect(
      messages(await runPolicy(POLICY, schedulers(3), { [POLICY]: { maxSchedulersPerRegion: 2 } })),
    ).toEqual([
      `3 schedulers in region westeurope ("westeurope") of subscription ${SUBSCRIPTION} exceed the limit of 2 per region per subscription (maxSchedulersPerRegion) — 3 in this stack: dts-1, dts-2, dts-3. Move 1 of them to another region or subscription (or remove them), or raise the limit after a quota increase.`,
    ]);
    const mixed = [
      ...schedulers(2),
      scheduler("c-1", { sku: "Consumption" }),
      scheduler("c-2", { sku: "Consumption" }),
    ];
    const config = { [POLICY]: { maxSchedulersPerRegionBySku: { Consumption: 1 } } };
    expect(messages(await runPolicy(POLICY, mixed, config))).toEqual([
      `2 Consumption schedulers in region westeurope ("westeurope") of subscription ${SUBSCRIPTION} exceed the Consumption limit of 1 per region per subscription (maxSchedulersPerRegionBySku.Consumption) — 2 in this stack: c-1, c-2. Move 1 of them to another SKU, region or subscription (or remove them), or raise the limit after a quota increase.`,
    ]);
  });

  it("says the check could not run when a region is unknown during preview, and still checks the rest", async () => {
    const stack = [...schedulers(6, "westeurope"), scheduler("pending", { location: "x" })];
    props(stack[6]).location = UNKNOWN.string;
    const violations = await runPolicy(POLICY, stack);
    expect(violations.map((v) => [v.enforcementLevel, v.message])).toEqual([
      [
        "mandatory",
        `6 schedulers in region westeurope ("westeurope") of subscription ${SUBSCRIPTION} exceed the limit of 5 per region per subscription (maxSchedulersPerRegion) — 6 in this stack: dts-1, dts-2, dts-3, dts-4, dts-5, dts-6. Move 1 of them to another region or subscription (or remove them), or raise the limit after a quota increase.`,
      ],
      [
        "advisory",
        "can't run policy 'azurenative-durabletask-scheduler-quota-per-region' from policy pack 'dtsx@v0.2.0' during preview: the region (location) of scheduler(s) pending is not known during preview, so the per-region scheduler quota could not be checked for them; set location from plain configuration rather than another resource's output.",
      ],
    ]);
  });

  it("refuses to pass when the subscription is unknown but the inventory has schedulers in the region", async () => {
    const stack = schedulers(2).map(({ armId: _armId, ...rest }) => rest);
    const inventory = [{ subscriptionId: SUBSCRIPTION, location: "westeurope", name: "legacy-1" }];
    expect(messages(await runPolicy(POLICY, stack, { [POLICY]: { inventory } }))).toEqual([
      'The quota check for region westeurope ("westeurope") of subscription (this stack\'s subscription, not known) cannot count the 1 inventory scheduler(s) in this region (legacy-1 in 11111111-1111-1111-1111-111111111111) because the subscription of dts-1, dts-2 is not known; set subscriptionId in the azurenative-durabletask-scheduler-quota-per-region config (or dtsx:subscriptionId for dtsx plan).',
    ]);
    expect(
      await runPolicy(POLICY, stack, { [POLICY]: { inventory, subscriptionId: SUBSCRIPTION } }),
    ).toEqual([]);
  });

  it("reports a scheduler without a location", async () => {
    const stack = schedulers(1);
    delete props(stack[0]).location;
    expect(messages(await runPolicy(POLICY, stack))).toEqual([
      'Scheduler "dts-1" sets no location, so the per-region quota cannot be counted; set location to the scheduler\'s region.',
    ]);
  });
});
