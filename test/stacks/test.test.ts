// stacks/Pulumi.test.yaml end to end through the real program under mocks.
import { beforeAll, describe, expect, it } from "vitest";
import type { Evaluation } from "../../cli/plan/evaluate";
import { evaluateStack, ofType, TYPES } from "../helpers/pulumiStack";
import {
  field,
  roleAssignmentNamesAreDeterministic,
  roleAssignmentRows,
} from "../helpers/pulumiStackSummary";

const SCHEDULER_ID =
  "/subscriptions/3f2c9a1e-7b4d-4c8e-9a6f-2d1b0e5c7a93/resourceGroups/rg-dts-test/providers/Microsoft.DurableTask/schedulers/dts-orders-test-weu";

let evaluation: Evaluation;
beforeAll(async () => {
  evaluation = await evaluateStack("test");
});

describe("test stack", () => {
  it("plans one Dedicated scheduler with a single capacity unit (no zone redundancy)", () => {
    expect(evaluation.resources.filter((resource) => resource.custom)).toHaveLength(7);
    const [scheduler] = ofType(evaluation.resources, TYPES.scheduler);
    expect(scheduler?.inputs).toEqual({
      resourceGroupName: "rg-dts-test",
      schedulerName: "dts-orders-test-weu",
      location: "westeurope",
      tags: { owner: "platform", costCenter: "cc-4711", environment: "test" },
      properties: {
        ipAllowlist: ["10.30.0.0/16", "203.0.113.0/24"],
        publicNetworkAccess: "Enabled",
        sku: { name: "Dedicated", capacity: 1 },
      },
    });
    expect(field(scheduler?.outputs, "properties", "sku", "redundancyState")).toBe("None");
  });

  it("keeps 14 days by default and failures 30 days", () => {
    expect(field(ofType(evaluation.resources, TYPES.retention)[0]?.inputs, "properties")).toEqual({
      retentionPolicies: [
        { retentionPeriodInDays: 14 },
        { retentionPeriodInDays: 30, orchestrationState: "Failed" },
      ],
    });
  });

  it("scopes app roles to their hubs and QA to the scheduler", () => {
    expect(roleAssignmentRows(evaluation.resources)).toEqual([
      [
        "schedulers/dts-orders-test-weu",
        "contributor",
        "c2b4d6f8-0a1e-4c3b-9d5f-7e8a9b0c1d23",
        "Group",
      ],
      [
        "schedulers/dts-orders-test-weu/taskHubs/orders",
        "contributor",
        "0d6e2b4f-1c8a-4b3e-9f7d-6a5c2e1b8d40",
        "ServicePrincipal",
      ],
      [
        "schedulers/dts-orders-test-weu/taskHubs/billing",
        "contributor",
        "6a9c3e1d-5b7f-4c2a-8e40-d1f2b3c4a5e6",
        "ServicePrincipal",
      ],
    ]);
    expect(roleAssignmentNamesAreDeterministic(evaluation.resources)).toBe(true);
    expect(field(evaluation.outputs, "schedulers", "dts-orders-test-weu", "id")).toBe(SCHEDULER_ID);
  });
});
