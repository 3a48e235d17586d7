import { describe, expect, it } from "vitest";
import { armGuid, roleAssignmentName, uuidV5 } from "../../dts/guid";
import { DTS_ROLES, roleDefinitionId, subscriptionOfScope } from "../../components/access/roles";

const SCOPE =
  "/subscriptions/8d4f2a6c-1e3b-4a9d-b5c7-0f2e4d6a8c19/resourceGroups/rg-dts-prod/providers/Microsoft.DurableTask/schedulers/dts-orders-prod-weu";
const PRINCIPAL = "a4b6c8d0-2e1f-4a3c-9b5d-8e7f6a5b4c31";

describe("deterministic GUIDs", () => {
  it("implements RFC 4122 version 5 (the RFC's DNS namespace vector, as Python's uuid.uuid5 computes it)", () => {
    expect(uuidV5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.example.com")).toBe(
      "2ed6657d-e927-568b-95e1-2665a8aea6a2",
    );
  });

  it("uses ARM's guid() namespace over the parts joined with '-' (pinned against Python's uuid5)", () => {
    expect(armGuid("a", "b", "c")).toBe("a98fa280-e03f-5afa-8d8e-92d0a9c201e8");
  });

  it("names a role assignment stably from scope, principal and role definition", () => {
    const definition = roleDefinitionId(SCOPE, "reader");
    const name = roleAssignmentName(SCOPE, PRINCIPAL, definition);
    expect(name).toBe("974bbf8b-2c26-5c10-9315-447d88ff17ec");
    expect(roleAssignmentName(SCOPE, PRINCIPAL, definition)).toBe(name);
    expect(name).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("differs when any input differs", () => {
    const definition = roleDefinitionId(SCOPE, "reader");
    const names = new Set([
      roleAssignmentName(SCOPE, PRINCIPAL, definition),
      roleAssignmentName(`${SCOPE}/taskHubs/orders`, PRINCIPAL, definition),
      roleAssignmentName(SCOPE, "5e2a8c4d-3f1b-4e7a-9c6d-2b0f1e3a5c78", definition),
      roleAssignmentName(SCOPE, PRINCIPAL, roleDefinitionId(SCOPE, "worker")),
    ]);
    expect(names.size).toBe(4);
  });

  it("rejects a namespace that is not a GUID", () => {
    expect(() => uuidV5("not-a-guid", "x")).toThrow('namespace: expected a GUID, got "not-a-guid"');
  });
});

describe("role definitions", () => {
  it("builds the subscription-level role definition id of the scope's subscription", () => {
    expect(roleDefinitionId(`${SCOPE}/taskHubs/orders`, "worker")).toBe(
      "/subscriptions/8d4f2a6c-1e3b-4a9d-b5c7-0f2e4d6a8c19/providers/Microsoft.Authorization/roleDefinitions/80d0d6b0-f522-40a4-8886-a5a11720c375",
    );
  });

  it("carries the three built-in DTS role GUIDs", () => {
    expect(DTS_ROLES.contributor.roleDefinitionGuid).toBe("0ad04412-c4d5-4796-b79c-f76d14c8d402");
    expect(DTS_ROLES.worker.roleDefinitionGuid).toBe("80d0d6b0-f522-40a4-8886-a5a11720c375");
    expect(DTS_ROLES.reader.roleDefinitionGuid).toBe("d6a5505f-6ebb-45a4-896e-ac8274cfc0ac");
  });

  it("refuses a scope that is not a subscription-rooted ARM id", () => {
    expect(subscriptionOfScope(SCOPE)).toBe("8d4f2a6c-1e3b-4a9d-b5c7-0f2e4d6a8c19");
    expect(() => subscriptionOfScope("schedulers/x")).toThrow(
      'scope: expected an ARM resource id starting with /subscriptions/<id>/, got "schedulers/x"',
    );
  });
});
