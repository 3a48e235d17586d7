// stacks/Pulumi.dev.yaml end to end through the real program under mocks.
import { beforeAll, describe, expect, it } from "vitest";
import type { Evaluation } from "../../cli/plan/evaluate";
import { evaluateStack, ofType, TYPES } from "../helpers/pulumiStack";
import {
  field,
  roleAssignmentNamesAreDeterministic,
  roleAssignmentRows,
} from "../helpers/pulumiStackSummary";

const SCHEDULER_ID =
  "/subscriptions/3f2c9a1e-7b4d-4c8e-9a6f-2d1b0e5c7a93/resourceGroups/rg-dts-dev/providers/Microsoft.DurableTask/schedulers/dts-orders-dev-weu";
const ENDPOINT = "https://dts-orders-dev-weu.westeurope.durabletask.io";

let evaluation: Evaluation;
beforeAll(async () => {
  evaluation = await evaluateStack("dev");
});

describe("dev stack", () => {
  it("plans one open Consumption scheduler without capacity, tagged environment=dev", () => {
    expect(evaluation.resources.filter((resource) => resource.custom)).toHaveLength(7);
    const [scheduler] = ofType(evaluation.resources, TYPES.scheduler);
    expect(scheduler?.id).toBe(SCHEDULER_ID);
    expect(scheduler?.inputs).toEqual({
      resourceGroupName: "rg-dts-dev",
      schedulerName: "dts-orders-dev-weu",
      location: "westeurope",
      tags: { owner: "platform", costCenter: "cc-4711", environment: "dev" },
      properties: {
        ipAllowlist: ["0.0.0.0/0"],
        publicNetworkAccess: "Enabled",
        sku: { name: "Consumption" },
      },
    });
  });

  it("purges quickly: 3 days by default, failures after 7", () => {
    expect(field(ofType(evaluation.resources, TYPES.retention)[0]?.inputs, "properties")).toEqual({
      retentionPolicies: [
        { retentionPeriodInDays: 3 },
        { retentionPeriodInDays: 7, orchestrationState: "Failed" },
      ],
    });
  });

  it("gives developers Contributor on the scheduler and each app Contributor on its own hub", () => {
    expect(ofType(evaluation.resources, TYPES.taskHub).map((hub) => hub.id)).toEqual([
      `${SCHEDULER_ID}/taskHubs/orders`,
      `${SCHEDULER_ID}/taskHubs/billing`,
    ]);
    expect(roleAssignmentRows(evaluation.resources)).toEqual([
      [
        "schedulers/dts-orders-dev-weu",
        "contributor",
        "e5d3c1a9-8b7f-4e2d-9c6a-1f0b3d5e7a82",
        "Group",
      ],
      [
        "schedulers/dts-orders-dev-weu/taskHubs/orders",
        "contributor",
        "9b1f6c2e-4a3d-4e8f-b7c1-5d2a0e9f3b64",
        "ServicePrincipal",
      ],
      [
        "schedulers/dts-orders-dev-weu/taskHubs/billing",
        "contributor",
        "4c8a2f17-9e3b-4d60-a5c2-7f1e8b3d9a20",
        "ServicePrincipal",
      ],
    ]);
    expect(roleAssignmentNamesAreDeterministic(evaluation.resources)).toBe(true);
  });

  it("exports a connection string per app and hub (the developers group has no clientId)", () => {
    expect(
      field(
        evaluation.outputs,
        "schedulers",
        "dts-orders-dev-weu",
        "taskHubs",
        "orders",
        "connectionStrings",
      ),
    ).toEqual({
      "orders-app": `Endpoint=${ENDPOINT};Authentication=ManagedIdentity;ClientID=2e7d4b91-6c3a-4f5e-8d12-a9b0c3e4f567;TaskHub=orders`,
    });
    expect(
      field(
        evaluation.outputs,
        "schedulers",
        "dts-orders-dev-weu",
        "taskHubs",
        "billing",
        "connectionStrings",
      ),
    ).toEqual({
      "billing-app": `Endpoint=${ENDPOINT};Authentication=ManagedIdentity;ClientID=71b3e0c8-2d9f-4a16-b4e7-c5d8a1f2e039;TaskHub=billing`,
    });
  });
});
