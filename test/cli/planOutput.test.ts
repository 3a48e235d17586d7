// Pure parts of `dtsx plan`: key inputs, the table, the JSON shape, tree order, engine config, policy config file.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { inTreeOrder, toEngineConfig } from "../../cli/plan/evaluate";
import { armMockResource, schedulerEndpoint } from "../../cli/plan/mocks";
import { PolicyPackConfigError, readPolicyPackConfig } from "../../cli/plan/policyPackConfig";
import { keyInputs, planJson, renderTable } from "../../cli/plan/render";
import type { PlannedResource } from "../../cli/plan/types";

const SUB = "8d4f2a6c-1e3b-4a9d-b5c7-0f2e4d6a8c19";
const SCHEDULER_ID = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.DurableTask/schedulers/s1`;

function resource(overrides: Partial<PlannedResource>): PlannedResource {
  return {
    type: "azure-native:durabletask:TaskHub",
    name: "r",
    urn: `urn:${overrides.name ?? "r"}`,
    parentUrn: undefined,
    custom: true,
    id: undefined,
    inputs: {},
    outputs: {},
    ...overrides,
  };
}

describe("key inputs", () => {
  it("summarises a scheduler", () => {
    expect(
      keyInputs({
        type: "azure-native:durabletask:Scheduler",
        inputs: {
          schedulerName: "s1",
          location: "westeurope",
          properties: {
            ipAllowlist: ["10.0.0.0/8", "::1/128"],
            publicNetworkAccess: "Enabled",
            sku: { name: "Consumption" },
          },
        },
      }),
    ).toBe(
      "name=s1 location=westeurope sku=Consumption publicNetworkAccess=Enabled ipAllowlist=10.0.0.0/8,::1/128",
    );
  });

  it("summarises retention days per state", () => {
    expect(
      keyInputs({
        type: "azure-native:durabletask:RetentionPolicy",
        inputs: {
          schedulerName: "s1",
          properties: {
            retentionPolicies: [
              { retentionPeriodInDays: 1 },
              { retentionPeriodInDays: 0, orchestrationState: "Completed" },
            ],
          },
        },
      }),
    ).toBe("scheduler=s1 default=1d completed=0d");
  });

  it("names the role and shortens the scope of a role assignment", () => {
    expect(
      keyInputs({
        type: "azure-native:authorization:RoleAssignment",
        inputs: {
          principalId: "p1",
          principalType: "Group",
          roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/0ad04412-c4d5-4796-b79c-f76d14c8d402`,
          scope: `${SCHEDULER_ID}/taskHubs/orders`,
        },
      }),
    ).toBe(
      'role="Durable Task Data Contributor" principal=p1 (Group) scope=schedulers/s1/taskHubs/orders',
    );
  });

  it("falls back to the inputs as JSON for other types", () => {
    expect(keyInputs({ type: "x:y:Z", inputs: { a: 1 } })).toBe('{"a":1}');
  });
});

describe("table and JSON", () => {
  const resources = [
    resource({ type: "pulumi:pulumi:Stack", name: "dtsx-dev", custom: false }),
    resource({
      type: "azure-native:durabletask:TaskHub",
      name: "hub",
      inputs: { schedulerName: "s1", taskHubName: "orders" },
    }),
  ];

  it("lists provider resources only and shows violations with their level", () => {
    const text = renderTable("dev", resources, [
      { policy: "dtsx-p", enforcementLevel: "mandatory", message: "fix it", resource: "urn:hub" },
    ]);
    expect(text).toBe(
      [
        "Plan for stack dev: 1 resource(s), 1 policy violation(s)",
        "",
        "TYPE                              NAME  KEY INPUTS",
        "azure-native:durabletask:TaskHub  hub   scheduler=s1 name=orders",
        "",
        "Policy violations:",
        "  [mandatory] dtsx-p: fix it (urn:hub)",
        "",
      ].join("\n"),
    );
  });

  it("builds exactly {stack, resources: [{type, name, inputs}], violations}", () => {
    expect(planJson("dev", resources, [])).toEqual({
      stack: "dev",
      resources: [
        {
          type: "azure-native:durabletask:TaskHub",
          name: "hub",
          inputs: { schedulerName: "s1", taskHubName: "orders" },
        },
      ],
      violations: [],
    });
  });
});

describe("tree order", () => {
  it("lists each parent's provider resources by type, then its child components, depth first", () => {
    const stack = resource({ type: "pulumi:pulumi:Stack", name: "stack", custom: false });
    const scheduler = resource({
      type: "dtsx:index:Scheduler",
      name: "s",
      custom: false,
      parentUrn: stack.urn,
    });
    const hubComponent = resource({
      type: "dtsx:index:TaskHub",
      name: "s-hub",
      custom: false,
      parentUrn: scheduler.urn,
    });
    const hub = resource({
      type: "azure-native:durabletask:TaskHub",
      name: "s-hub-hub",
      parentUrn: hubComponent.urn,
    });
    const retention = resource({
      type: "azure-native:durabletask:RetentionPolicy",
      name: "s-retention",
      parentUrn: scheduler.urn,
    });
    const schedulerResource = resource({
      type: "azure-native:durabletask:Scheduler",
      name: "s-scheduler",
      parentUrn: scheduler.urn,
    });
    // Registration order as the engine saw it: dependants after their dependencies, components interleaved.
    const registered = [stack, scheduler, hubComponent, schedulerResource, hub, retention];
    expect(inTreeOrder(registered).map((entry) => entry.name)).toEqual([
      "stack",
      "s",
      "s-scheduler",
      "s-retention",
      "s-hub",
      "s-hub-hub",
    ]);
  });
});

describe("engine config and mocks", () => {
  it("prefixes keys with the project and JSON-encodes structured values", () => {
    expect(toEngineConfig("dtsx", { environment: "dev", schedulers: [{ name: "s1" }] })).toEqual({
      "dtsx:environment": "dev",
      "dtsx:schedulers": '[{"name":"s1"}]',
    });
  });

  it("mocks ARM ids and read-only properties", () => {
    expect(schedulerEndpoint("Dts-Orders", "West Europe")).toBe(
      "https://dts-orders.westeurope.durabletask.io",
    );
    expect(
      armMockResource({ subscriptionId: SUB }, "azure-native:durabletask:RetentionPolicy", "r", {
        resourceGroupName: "rg",
        schedulerName: "s1",
        properties: { retentionPolicies: [] },
      }).id,
    ).toBe(`${SCHEDULER_ID}/retentionPolicies/default`);
    expect(() =>
      armMockResource({ subscriptionId: SUB }, "azure-native:storage:StorageAccount", "sa", {}),
    ).toThrow(
      "dtsx plan has no mock for resource type azure-native:storage:StorageAccount (resource sa)",
    );
  });
});

describe("--policy-pack-config", () => {
  const dir = mkdtempSync(join(tmpdir(), "dtsx-policy-config-"));

  it("reads a JSON object", () => {
    const path = join(dir, "ok.json");
    writeFileSync(path, '{"all": "advisory"}');
    expect(readPolicyPackConfig(path)).toEqual({ all: "advisory" });
  });

  it("names the flag and file when the JSON does not parse", () => {
    const path = join(dir, "broken.json");
    writeFileSync(path, "{all:");
    expect(() => readPolicyPackConfig(path)).toThrow(PolicyPackConfigError);
    expect(() => readPolicyPackConfig(path)).toThrow(
      `--policy-pack-config: ${JSON.stringify(path)} is not valid JSON:`,
    );
  });
});
