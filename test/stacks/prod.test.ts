// stacks/Pulumi.prod.yaml end to end through the real program (stacks/index.ts) under mocks.
import { beforeAll, describe, expect, it } from "vitest";
import type { Evaluation } from "../../cli/plan/evaluate";
import { evaluateStack, ofType, TYPES } from "../helpers/pulumiStack";
import {
  field,
  roleAssignmentNamesAreDeterministic,
  roleAssignmentRows,
} from "../helpers/pulumiStackSummary";

const SUBSCRIPTION = "8d4f2a6c-1e3b-4a9d-b5c7-0f2e4d6a8c19";
const SCHEDULER_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-dts-prod/providers/Microsoft.DurableTask/schedulers/dts-orders-prod-weu`;
const ENDPOINT = "https://dts-orders-prod-weu.westeurope.durabletask.io";

let evaluation: Evaluation;
beforeAll(async () => {
  evaluation = await evaluateStack("prod");
});

describe("prod stack", () => {
  it("plans one zone-redundant Dedicated scheduler, private only, tagged with its environment", () => {
    expect(evaluation.resources.filter((resource) => resource.custom).map((r) => r.type)).toEqual([
      TYPES.scheduler,
      TYPES.retention,
      TYPES.roleAssignment,
      TYPES.taskHub,
      TYPES.roleAssignment,
      TYPES.roleAssignment,
      TYPES.taskHub,
      TYPES.roleAssignment,
    ]);
    const [scheduler] = ofType(evaluation.resources, TYPES.scheduler);
    expect(scheduler?.id).toBe(SCHEDULER_ID);
    expect(scheduler?.inputs).toEqual({
      resourceGroupName: "rg-dts-prod",
      schedulerName: "dts-orders-prod-weu",
      location: "westeurope",
      tags: { owner: "platform", costCenter: "cc-4711", environment: "prod" },
      properties: {
        ipAllowlist: ["10.20.0.0/16"],
        publicNetworkAccess: "Disabled",
        sku: { name: "Dedicated", capacity: 3 },
      },
    });
    expect(field(scheduler?.outputs, "properties", "sku", "redundancyState")).toBe("Zone");
  });

  it("keeps failed orchestrations 90 days and the rest 30", () => {
    expect(field(ofType(evaluation.resources, TYPES.retention)[0]?.inputs, "properties")).toEqual({
      retentionPolicies: [
        { retentionPeriodInDays: 30 },
        { retentionPeriodInDays: 90, orchestrationState: "Failed" },
      ],
    });
  });

  it("grants apps Worker at task hub scope, the API Contributor on its hub, on-call Reader at scheduler scope", () => {
    expect(ofType(evaluation.resources, TYPES.taskHub).map((hub) => hub.id)).toEqual([
      `${SCHEDULER_ID}/taskHubs/orders`,
      `${SCHEDULER_ID}/taskHubs/billing`,
    ]);
    expect(roleAssignmentRows(evaluation.resources)).toEqual([
      ["schedulers/dts-orders-prod-weu", "reader", "a4b6c8d0-2e1f-4a3c-9b5d-8e7f6a5b4c31", "Group"],
      [
        "schedulers/dts-orders-prod-weu/taskHubs/orders",
        "worker",
        "5e2a8c4d-3f1b-4e7a-9c6d-2b0f1e3a5c78",
        "ServicePrincipal",
      ],
      [
        "schedulers/dts-orders-prod-weu/taskHubs/orders",
        "contributor",
        "2b7d9f1a-4c6e-4a3b-8d5f-9e0a1b2c3d46",
        "ServicePrincipal",
      ],
      [
        "schedulers/dts-orders-prod-weu/taskHubs/billing",
        "worker",
        "f1e3d5c7-9b2a-4d8c-8e6f-4a3b2c1d0e97",
        "ServicePrincipal",
      ],
    ]);
  });

  it("names role assignments with deterministic GUIDs (pinned, so a change that would duplicate them fails)", () => {
    expect(roleAssignmentNamesAreDeterministic(evaluation.resources)).toBe(true);
    expect(
      ofType(evaluation.resources, TYPES.roleAssignment).map((r) =>
        field(r.inputs, "roleAssignmentName"),
      ),
    ).toEqual([
      "974bbf8b-2c26-5c10-9315-447d88ff17ec",
      "fcb5b1b7-a80c-516f-8662-d0ed2e82ef8d",
      "2ae62fbf-4e5c-54a1-b6e1-90ba52872b6d",
      "6af4541b-6c80-5d19-bd96-e1e5bacade67",
    ]);
    expect(
      field(ofType(evaluation.resources, TYPES.roleAssignment)[0]?.inputs, "roleDefinitionId"),
    ).toBe(
      `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/d6a5505f-6ebb-45a4-896e-ac8274cfc0ac`,
    );
  });

  it("parents every resource to its component and the components to the stack", () => {
    const byUrn = new Map(evaluation.resources.map((resource) => [resource.urn, resource]));
    const parentOf = (name: string) =>
      byUrn.get(evaluation.resources.find((resource) => resource.name === name)?.parentUrn ?? "")
        ?.name;
    expect(parentOf("dts-orders-prod-weu")).toBe("dtsx-prod");
    expect(parentOf("dts-orders-prod-weu-scheduler")).toBe("dts-orders-prod-weu");
    expect(parentOf("dts-orders-prod-weu-taskhub-orders-hub")).toBe(
      "dts-orders-prod-weu-taskhub-orders",
    );
    expect(parentOf("dts-orders-prod-weu-taskhub-orders-access-orders-app-worker")).toBe(
      "dts-orders-prod-weu-taskhub-orders-access",
    );
  });

  it("exports the endpoint, hub ids, dashboard URLs and one connection string per app identity", () => {
    const connection = (clientId: string, hub: string) =>
      `Endpoint=${ENDPOINT};Authentication=ManagedIdentity;ClientID=${clientId};TaskHub=${hub}`;
    expect(evaluation.outputs).toEqual({
      environment: "prod",
      schedulers: {
        "dts-orders-prod-weu": {
          id: SCHEDULER_ID,
          endpoint: ENDPOINT,
          taskHubs: {
            orders: {
              id: `${SCHEDULER_ID}/taskHubs/orders`,
              dashboardUrl: `https://dashboard.durabletask.io/?endpoint=${encodeURIComponent(ENDPOINT)}&taskhub=orders`,
              connectionStrings: {
                "orders-app": connection("d7c9e1f3-5a2b-4c8d-9e0f-6a1b2c3d4e85", "orders"),
                "orders-api": connection("8e1a3c5f-7b9d-4f2e-a0c4-5d6e7f8a9b10", "orders"),
              },
            },
            billing: {
              id: `${SCHEDULER_ID}/taskHubs/billing`,
              dashboardUrl: `https://dashboard.durabletask.io/?endpoint=${encodeURIComponent(ENDPOINT)}&taskhub=billing`,
              connectionStrings: {
                "billing-app": connection("3c5e7a9b-1d2f-4e6a-b8c0-7d9e1f2a3b64", "billing"),
              },
            },
          },
        },
      },
    });
  });
});
