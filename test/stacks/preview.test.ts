// The program for the prod stack during `pulumi preview`: preview-mode mocks that return no id and no outputs, as
// the engine does for resources not created yet. The stack passes dtsx:subscriptionId to the components, so every
// role assignment's scope, role definition id and name is known there and the RBAC policies can check them.
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { toEngineConfig } from "../../cli/plan/evaluate";
import { roleAssignmentName } from "../../dts/guid";
import { CONFIG_NAMESPACE, parseStackConfig, readStackConfigFile } from "../../topology/schema";
import { STACKS_DIR, TYPES } from "../helpers/pulumiStack";

const raw = readStackConfigFile(join(STACKS_DIR, "Pulumi.prod.yaml"));
const config = parseStackConfig(raw);
const registrations: { type: string; name: string; inputs: Record<string, unknown> }[] = [];

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registrations.push({
          type: args.type,
          name: args.name,
          inputs: args.inputs as Record<string, unknown>,
        });
        return { id: args.custom ? "" : undefined, state: {} };
      },
      call: (args) => {
        throw new Error(`no mock for ${args.token}`);
      },
    },
    CONFIG_NAMESPACE,
    "prod",
    true,
  );
  pulumi.runtime.setAllConfig(toEngineConfig(CONFIG_NAMESPACE, raw), []);
  await pulumi.runtime.runInPulumiStack(async () => import("../../stacks/index"));
  await pulumi.runtime.disconnect();
});

describe("prod stack during pulumi preview", () => {
  it("knows every role assignment's scope, role definition id and name before deployment", () => {
    const subscriptionId = config.subscriptionId ?? "";
    expect(subscriptionId).toMatch(/^[0-9a-f-]{36}$/);
    const assignments = registrations.filter((entry) => entry.type === TYPES.roleAssignment);
    // oncall at scheduler scope; orders-app and orders-api on orders; billing-app on billing.
    expect(assignments).toHaveLength(4);
    const schedulerScope = `/subscriptions/${subscriptionId}/resourceGroups/rg-dts-prod/providers/Microsoft.DurableTask/schedulers/dts-orders-prod-weu`;
    const worker = `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/80d0d6b0-f522-40a4-8886-a5a11720c375`;
    // Keyed by name: registration order depends on when inputs resolve.
    expect(
      Object.fromEntries(
        assignments.map((entry) => [
          entry.name,
          [entry.inputs["scope"], entry.inputs["roleDefinitionId"]],
        ]),
      ),
    ).toEqual({
      "dts-orders-prod-weu-access-oncall-reader": [
        schedulerScope,
        `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/d6a5505f-6ebb-45a4-896e-ac8274cfc0ac`,
      ],
      "dts-orders-prod-weu-taskhub-orders-access-orders-app-worker": [
        `${schedulerScope}/taskHubs/orders`,
        worker,
      ],
      "dts-orders-prod-weu-taskhub-orders-access-orders-api-contributor": [
        `${schedulerScope}/taskHubs/orders`,
        `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/0ad04412-c4d5-4796-b79c-f76d14c8d402`,
      ],
      "dts-orders-prod-weu-taskhub-billing-access-billing-app-worker": [
        `${schedulerScope}/taskHubs/billing`,
        worker,
      ],
    });
    for (const entry of assignments) {
      expect(entry.inputs["roleAssignmentName"], entry.name).toBe(
        roleAssignmentName(
          String(entry.inputs["scope"]),
          String(entry.inputs["principalId"]),
          String(entry.inputs["roleDefinitionId"]),
        ),
      );
    }
  });
});
