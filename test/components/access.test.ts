// The Access component under Pulumi mocks: one RoleAssignment per rule with exact inputs, and its rules.
import { beforeAll, describe, expect, it } from "vitest";
import type * as AccessComponent from "../../components/access/access";
import type * as AccessArgs from "../../components/access/args";
import type * as Guid from "../../dts/guid";
import type { IdentityValues } from "../../components/access/args";
import { registered, setRecordingMocks, unwrap, type Recorder } from "../helpers/pulumiMocks";

const SCOPE =
  "/subscriptions/8d4f2a6c-1e3b-4a9d-b5c7-0f2e4d6a8c19/resourceGroups/rg/providers/Microsoft.DurableTask/schedulers/s1/taskHubs/orders";
const IDENTITIES: Record<string, IdentityValues> = {
  "orders-app": {
    principalId: "5e2a8c4d-3f1b-4e7a-9c6d-2b0f1e3a5c78",
    clientId: "d7c9e1f3-5a2b-4c8d-9e0f-6a1b2c3d4e85",
    principalType: "ServicePrincipal",
  },
  oncall: { principalId: "a4b6c8d0-2e1f-4a3c-9b5d-8e7f6a5b4c31", principalType: "Group" },
};

let recorder: Recorder;
let components: typeof AccessComponent;
let args: typeof AccessArgs;
let guid: typeof Guid;

beforeAll(async () => {
  recorder = await setRecordingMocks();
  components = await import("../../components/access/access");
  args = await import("../../components/access/args");
  guid = await import("../../dts/guid");
});

describe("Access component", () => {
  it("creates one role assignment per rule with scope, principal, principal type and a deterministic name", async () => {
    const access = new components.Access("a1", {
      scope: SCOPE,
      rules: [
        { identity: "orders-app", role: "worker" },
        { identity: "oncall", role: "reader" },
      ],
      identities: IDENTITIES,
    });
    await registered(Object.values(access.roleAssignments));

    expect(recorder.one("dtsx:index:Access", "a1").custom).toBe(false);
    const worker = recorder.one(
      "azure-native:authorization:RoleAssignment",
      "a1-orders-app-worker",
    );
    const workerDefinition =
      "/subscriptions/8d4f2a6c-1e3b-4a9d-b5c7-0f2e4d6a8c19/providers/Microsoft.Authorization/roleDefinitions/80d0d6b0-f522-40a4-8886-a5a11720c375";
    expect(worker.inputs).toEqual({
      scope: SCOPE,
      principalId: "5e2a8c4d-3f1b-4e7a-9c6d-2b0f1e3a5c78",
      principalType: "ServicePrincipal",
      roleDefinitionId: workerDefinition,
      roleAssignmentName: guid.roleAssignmentName(
        SCOPE,
        "5e2a8c4d-3f1b-4e7a-9c6d-2b0f1e3a5c78",
        workerDefinition,
      ),
      description: "Durable Task Worker for orders-app (dtsx)",
    });
    const reader = recorder.one("azure-native:authorization:RoleAssignment", "a1-oncall-reader");
    expect(reader.inputs.principalType).toBe("Group");
    expect(reader.inputs.roleDefinitionId).toMatch(/\/d6a5505f-6ebb-45a4-896e-ac8274cfc0ac$/);

    expect(await unwrap(access.assignments)).toEqual([
      {
        identity: "orders-app",
        role: "worker",
        roleAssignmentName: worker.inputs.roleAssignmentName,
        roleDefinitionId: workerDefinition,
        scope: SCOPE,
      },
      {
        identity: "oncall",
        role: "reader",
        roleAssignmentName: reader.inputs.roleAssignmentName,
        roleDefinitionId: reader.inputs.roleDefinitionId,
        scope: SCOPE,
      },
    ]);
  });

  it("gives the same assignment name for the same (scope, principal, role) in another component", async () => {
    const first = new components.Access("a2", {
      scope: SCOPE,
      rules: [{ identity: "oncall", role: "reader" }],
      identities: IDENTITIES,
    });
    const second = new components.Access("a3", {
      scope: SCOPE,
      rules: [{ identity: "oncall", role: "reader" }],
      identities: IDENTITIES,
    });
    await registered([
      ...Object.values(first.roleAssignments),
      ...Object.values(second.roleAssignments),
    ]);
    expect(
      recorder.one("azure-native:authorization:RoleAssignment", "a2-oncall-reader").inputs
        .roleAssignmentName,
    ).toBe(
      recorder.one("azure-native:authorization:RoleAssignment", "a3-oncall-reader").inputs
        .roleAssignmentName,
    );
  });

  it("refuses invalid arguments before registering anything", () => {
    expect(
      () =>
        new components.Access("a4", {
          scope: SCOPE,
          rules: [{ identity: "ghost", role: "worker" }],
          identities: IDENTITIES,
        }),
    ).toThrow(
      'dtsx:index:Access "a4": invalid arguments\n  rules[0].identity: identity "ghost" is not declared in identities (declared: orders-app, oncall)',
    );
    expect(recorder.under("a4")).toEqual([]);
  });
});

describe("access arguments", () => {
  it("rejects a subscriptionId that is not a GUID", () => {
    expect(
      args.validateAccessArgs({
        rules: [{ identity: "oncall", role: "reader" }],
        identities: IDENTITIES,
        subscriptionId: "my-subscription",
      }),
    ).toEqual([{ path: ["subscriptionId"], message: 'expected a GUID, got "my-subscription"' }]);
  });
});

describe("access rules", () => {
  it("rejects an unknown role", () => {
    expect(args.validateAccessRules([{ identity: "oncall", role: "owner" }], IDENTITIES)).toEqual([
      { path: [0, "role"], message: 'expected "contributor" | "worker" | "reader", got "owner"' },
    ]);
  });

  it("rejects an identity that is referenced but not declared", () => {
    expect(args.validateAccessRules([{ identity: "ghost", role: "reader" }], {})).toEqual([
      {
        path: [0, "identity"],
        message: 'identity "ghost" is not declared in identities (declared: none)',
      },
    ]);
  });

  it("rejects the same role granted twice to one identity at one scope", () => {
    expect(
      args.validateAccessRules(
        [
          { identity: "oncall", role: "reader" },
          { identity: "oncall", role: "worker" },
          { identity: "oncall", role: "reader" },
        ],
        IDENTITIES,
      ),
    ).toEqual([
      {
        path: [2],
        message: 'duplicate grant of role "reader" to identity "oncall" (also at index 0)',
      },
    ]);
  });

  it("checks identity declarations: GUIDs and principal type", () => {
    expect(
      args.validateIdentities({
        app: { principalId: "not-a-guid", clientId: "also-not", principalType: "Robot" },
      }),
    ).toEqual([
      { path: ["app", "principalId"], message: 'expected a GUID, got "not-a-guid"' },
      { path: ["app", "clientId"], message: 'expected a GUID, got "also-not"' },
      {
        path: ["app", "principalType"],
        message:
          'expected "User" | "Group" | "ServicePrincipal" | "ForeignGroup" | "Device", got "Robot"',
      },
    ]);
    expect(args.validateIdentities(IDENTITIES)).toEqual([]);
  });
});
