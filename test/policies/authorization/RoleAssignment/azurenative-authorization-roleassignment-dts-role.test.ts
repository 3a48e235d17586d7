import { describe, expect, it } from "vitest";
import {
  happyStack,
  messages,
  props,
  roleAssignment,
  runPolicy,
  schedulerId,
  urnOf,
} from "../../harness";

const POLICY = "azurenative-authorization-roleassignment-dts-role";
const OWNER =
  "/subscriptions/11111111-1111-1111-1111-111111111111/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635";

describe("azurenative-authorization-roleassignment-dts-role", () => {
  it("passes the happy path", async () => {
    expect(await runPolicy(POLICY, happyStack("prod"))).toEqual([]);
  });

  it("rejects a non-DTS role at task hub scope", async () => {
    const stack = happyStack("prod");
    props(stack[4]).roleDefinitionId = OWNER;
    expect(messages(await runPolicy(POLICY, stack))).toEqual([
      `Role assignment "dts-orders-prod-weu-access-orders-app-worker" grants role "${OWNER}" on a Durable Task task hub scope; use one of the DTS built-in roles: Durable Task Data Contributor (0ad04412-c4d5-4796-b79c-f76d14c8d402), Durable Task Worker (80d0d6b0-f522-40a4-8886-a5a11720c375), Durable Task Data Reader (d6a5505f-6ebb-45a4-896e-ac8274cfc0ac).`,
    ]);
  });

  it("rejects a non-DTS role at scheduler scope, whatever the case of the scope", async () => {
    const stack = happyStack("prod");
    props(stack[5]).roleDefinitionId = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    props(stack[5]).scope = schedulerId("dts-orders-prod-weu").toLowerCase();
    const violations = await runPolicy(POLICY, stack);
    expect(violations.map((v) => v.resource)).toEqual([urnOf(stack[5])]);
    expect(messages(violations)[0]).toMatch(
      /^Role assignment "dts-orders-prod-weu-access-oncall-reader" grants role "8e3af657-a8ff-443c-a75c-2fe8c4bcb635" on a Durable Task scheduler scope; /,
    );
  });

  it("ignores role assignments outside Durable Task scopes", async () => {
    const stack = [
      ...happyStack("prod"),
      {
        ...roleAssignment("storage-owner", {
          scope: "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg",
          role: "reader",
        }),
      },
    ];
    props(stack[6]).roleDefinitionId = OWNER;
    expect(await runPolicy(POLICY, stack)).toEqual([]);
  });
});
