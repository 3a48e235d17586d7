// stacks/Pulumi.local.yaml (the topology the local scheduler serves) end to end through the program under mocks.
import { beforeAll, describe, expect, it } from "vitest";
import type { Evaluation } from "../../cli/plan/evaluate";
import { evaluateStack, ofType, TYPES } from "../helpers/pulumiStack";
import {
  field,
  roleAssignmentNamesAreDeterministic,
  roleAssignmentRows,
} from "../helpers/pulumiStackSummary";

// No dtsx:subscriptionId in the local stack: ids use the placeholder subscription.
const SCHEDULER_ID =
  "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-dts-local/providers/Microsoft.DurableTask/schedulers/dts-local";
const ENDPOINT = "https://dts-local.westeurope.durabletask.io";

let evaluation: Evaluation;
beforeAll(async () => {
  evaluation = await evaluateStack("local");
});

describe("local stack", () => {
  it("plans dts-local with hubs orders and billing, reachable from loopback only", () => {
    const [scheduler] = ofType(evaluation.resources, TYPES.scheduler);
    expect(scheduler?.id).toBe(SCHEDULER_ID);
    expect(field(scheduler?.inputs, "properties")).toEqual({
      ipAllowlist: ["127.0.0.1/32", "::1/128"],
      publicNetworkAccess: "Enabled",
      sku: { name: "Consumption" },
    });
    expect(
      ofType(evaluation.resources, TYPES.taskHub).map((hub) => field(hub.inputs, "taskHubName")),
    ).toEqual(["orders", "billing"]);
  });

  it("grants orders-app Contributor on orders (it starts orchestrations), billing-worker Worker on billing, oncall Reader", () => {
    expect(roleAssignmentRows(evaluation.resources)).toEqual([
      ["schedulers/dts-local", "reader", "b3d5f7a9-1c2e-4b4d-8f6a-0e9d8c7b6a57", "Group"],
      [
        "schedulers/dts-local/taskHubs/orders",
        "contributor",
        "7c3e5a1f-9d2b-4f6e-8a4c-1b3d5f7a9e02",
        "ServicePrincipal",
      ],
      [
        "schedulers/dts-local/taskHubs/billing",
        "worker",
        "1e9b7d5c-3a8f-4e2d-b6c4-9f0a2e4c6b13",
        "ServicePrincipal",
      ],
    ]);
    expect(roleAssignmentNamesAreDeterministic(evaluation.resources)).toBe(true);
  });

  it("exports the connection strings apps use against the local topology", () => {
    const hubs = field(evaluation.outputs, "schedulers", "dts-local", "taskHubs");
    expect(field(hubs, "orders", "connectionStrings")).toEqual({
      "orders-app": `Endpoint=${ENDPOINT};Authentication=ManagedIdentity;ClientID=4a6c8e0b-2d4f-4a1c-9e3b-5f7a9c1e3b58;TaskHub=orders`,
    });
    expect(field(hubs, "billing", "connectionStrings")).toEqual({
      "billing-worker": `Endpoint=${ENDPOINT};Authentication=ManagedIdentity;ClientID=6f8b0d2e-4a6c-4e9f-8b1d-3e5a7c9f1d46;TaskHub=billing`,
    });
  });
});
