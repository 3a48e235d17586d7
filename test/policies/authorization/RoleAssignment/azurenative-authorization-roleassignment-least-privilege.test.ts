import { describe, expect, it } from "vitest";
import { UNKNOWN } from "../../../../policies/evaluate";
import {
  happyStack,
  props,
  schedulerProps,
  roleAssignment,
  runPolicy,
  schedulerId,
  urnOf,
} from "../../harness";

const POLICY = "azurenative-authorization-roleassignment-least-privilege";

function withSchedulerWide(
  env: "dev" | "test" | "prod",
  role: "worker" | "contributor" | "reader",
  principalType = "ServicePrincipal",
) {
  const stack = happyStack(env);
  const scheduler = `dts-orders-${env}-weu`;
  stack.push(
    roleAssignment(`${scheduler}-access-api-${role}`, {
      scope: schedulerId(scheduler),
      role,
      principalType,
      principalId: "bbbbbbbb-0000-0000-0000-000000000002",
    }),
  );
  return stack;
}

const message = (env: string, role: string) =>
  `Role assignment "dts-orders-${env}-weu-access-api-${role === "Durable Task Worker" ? "worker" : "contributor"}" in the ${env} profile gives ServicePrincipal bbbbbbbb-0000-0000-0000-000000000002 ${role} at scheduler "dts-orders-${env}-weu" scope, which opens every task hub; assign Durable Task Worker or Durable Task Data Contributor at the scope of the task hub the app uses instead.`;

describe("azurenative-authorization-roleassignment-least-privilege", () => {
  it("passes the happy path (Worker at task hub scope, a Group reading at scheduler scope)", async () => {
    expect(await runPolicy(POLICY, happyStack("prod"))).toEqual([]);
  });

  it("rejects a ServicePrincipal with Data Contributor at scheduler scope in prod", async () => {
    const stack = withSchedulerWide("prod", "contributor");
    expect(await runPolicy(POLICY, stack)).toEqual([
      {
        policy: POLICY,
        enforcementLevel: "mandatory",
        message: message("prod", "Durable Task Data Contributor"),
        resource: urnOf(stack[6]),
      },
    ]);
  });

  it("rejects a ServicePrincipal with Worker at scheduler scope in prod", async () => {
    const violations = await runPolicy(POLICY, withSchedulerWide("prod", "worker"));
    expect(violations.map((v) => v.message)).toEqual([message("prod", "Durable Task Worker")]);
  });

  it("allows Reader at scheduler scope and Groups at scheduler scope", async () => {
    expect(await runPolicy(POLICY, withSchedulerWide("prod", "reader"))).toEqual([]);
    expect(await runPolicy(POLICY, withSchedulerWide("prod", "contributor", "Group"))).toEqual([]);
  });

  it("is advice, not mandatory, outside prod", async () => {
    const violations = await runPolicy(POLICY, withSchedulerWide("test", "contributor"));
    expect(violations.map((v) => v.enforcementLevel)).toEqual(["advisory"]);
  });

  it("reads the role (unknown during a first preview) only for a ServicePrincipal at scheduler scope", async () => {
    const stack = happyStack("prod");
    for (const assignment of stack.slice(4)) props(assignment).roleDefinitionId = UNKNOWN.string;
    expect(await runPolicy(POLICY, stack)).toEqual([]);
    const wide = withSchedulerWide("prod", "contributor");
    props(wide[6]).roleDefinitionId = UNKNOWN.string;
    expect((await runPolicy(POLICY, wide)).map((v) => [v.enforcementLevel, v.message])).toEqual([
      [
        "advisory",
        "can't run policy 'azurenative-authorization-roleassignment-least-privilege' from policy pack 'dtsx@v0.2.0' during preview: string value at .roleDefinitionId can't be known during preview",
      ],
    ]);
  });

  it("finds the profile through the assignment's scope", async () => {
    const stack = withSchedulerWide("prod", "contributor");
    schedulerProps(stack[0]).tags.environment = "dev";
    const violations = await runPolicy(POLICY, stack);
    expect(violations.map((v) => [v.enforcementLevel, v.message])).toEqual([
      [
        "advisory",
        message("dev", "Durable Task Data Contributor")
          .replace("dts-orders-dev-weu-access", "dts-orders-prod-weu-access")
          .replace('scheduler "dts-orders-dev-weu"', 'scheduler "dts-orders-prod-weu"'),
      ],
    ]);
  });
});

describe("azurenative-authorization-roleassignment-least-privilege by profile", () => {
  it.each(["dev", "test"] as const)("advises in %s", async (env) => {
    const violations = await runPolicy(POLICY, withSchedulerWide(env, "contributor"));
    expect(violations.map((v) => [v.enforcementLevel, v.message])).toEqual([
      ["advisory", message(env, "Durable Task Data Contributor")],
    ]);
  });

  it("follows enforcementLevels: off in dev, mandatory in test", async () => {
    const config = { [POLICY]: { enforcementLevels: { dev: "disabled", test: "mandatory" } } };
    expect(await runPolicy(POLICY, withSchedulerWide("dev", "contributor"), config)).toEqual([]);
    const test = await runPolicy(POLICY, withSchedulerWide("test", "contributor"), config);
    expect(test.map((v) => v.enforcementLevel)).toEqual(["mandatory"]);
  });
});
