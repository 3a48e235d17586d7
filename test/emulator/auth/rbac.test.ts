// The pure RBAC decision: which role grants which RPC, at hub or scheduler scope, and the exact denial.
import { describe, expect, it } from "vitest";
import { decide, type AssignmentFact } from "../../../emulator/auth/rbac";
import { roleFromDefinitionId, rolesGranting } from "../../../emulator/auth/roles";

const SCHEDULER =
  "/subscriptions/s/resourceGroups/rg/providers/Microsoft.DurableTask/schedulers/dts";
const HUB = `${SCHEDULER}/taskHubs/orders`;
const OTHER_HUB = `${SCHEDULER}/taskHubs/billing`;
const P = "7c3e5a1f-9d2b-4f6e-8a4c-1b3d5f7a9e02";

const request = (rpc: string, assignments: AssignmentFact[]) => ({
  principalId: P,
  clientId: "4a6c8e0b-2d4f-4a1c-9e3b-5f7a9c1e3b58",
  rpc,
  hub: "orders",
  hubScope: HUB,
  schedulerScope: SCHEDULER,
  assignments,
});

const CLIENT_WRITES = [
  "StartInstance",
  "RaiseEvent",
  "TerminateInstance",
  "SuspendInstance",
  "ResumeInstance",
  "PurgeInstances",
  "SignalEntity",
  "RewindInstance",
  "RestartInstance",
  "CleanEntityStorage",
  "CreateTaskHub",
  "DeleteTaskHub",
];
const WORKER_RPCS = [
  "Hello",
  "GetWorkItems",
  "CompleteActivityTask",
  "CompleteOrchestratorTask",
  "CompleteEntityTask",
  "AbandonTaskActivityWorkItem",
  "AbandonTaskOrchestratorWorkItem",
  "AbandonTaskEntityWorkItem",
  "StreamInstanceHistory",
];
const READER_RPCS = [
  "GetInstance",
  "QueryInstances",
  "ListInstanceIds",
  "StreamInstanceHistory",
  "GetEntity",
  "QueryEntities",
  "WaitForInstanceStart",
  "WaitForInstanceCompletion",
];

describe("decide", () => {
  it("Contributor grants every RPC, at hub or scheduler scope", () => {
    for (const rpc of [...CLIENT_WRITES, ...WORKER_RPCS, ...READER_RPCS]) {
      expect(
        decide(request(rpc, [{ role: "contributor", principalId: P, scope: HUB }])).allowed,
      ).toBe(true);
      expect(
        decide(request(rpc, [{ role: "contributor", principalId: P, scope: SCHEDULER }])).allowed,
      ).toBe(true);
    }
  });

  it("Worker grants exactly the worker RPCs", () => {
    const assignments: AssignmentFact[] = [{ role: "worker", principalId: P, scope: HUB }];
    for (const rpc of WORKER_RPCS) expect(decide(request(rpc, assignments)).allowed).toBe(true);
    for (const rpc of [
      ...CLIENT_WRITES,
      "GetInstance",
      "QueryInstances",
      "WaitForInstanceCompletion",
    ]) {
      expect(decide(request(rpc, assignments)).allowed).toBe(false);
    }
  });

  it("Reader grants exactly the read-only client RPCs", () => {
    const assignments: AssignmentFact[] = [{ role: "reader", principalId: P, scope: SCHEDULER }];
    for (const rpc of READER_RPCS) expect(decide(request(rpc, assignments)).allowed).toBe(true);
    for (const rpc of [...CLIENT_WRITES, "GetWorkItems", "CompleteOrchestratorTask"]) {
      expect(decide(request(rpc, assignments)).allowed).toBe(false);
    }
  });

  it("ignores other principals and other hubs' scopes; scopes compare case-insensitively", () => {
    expect(
      decide(
        request("StartInstance", [
          { role: "contributor", principalId: "someone-else", scope: HUB },
        ]),
      ).allowed,
    ).toBe(false);
    expect(
      decide(request("StartInstance", [{ role: "contributor", principalId: P, scope: OTHER_HUB }]))
        .allowed,
    ).toBe(false);
    expect(
      decide(
        request("StartInstance", [
          { role: "contributor", principalId: P.toUpperCase(), scope: HUB.toLowerCase() },
        ]),
      ).allowed,
    ).toBe(true);
  });

  it("names principal, RPC, role needed and scope when refusing", () => {
    const none = decide(request("StartInstance", []));
    expect(none).toEqual({
      allowed: false,
      message: `principal '${P}' (client id '4a6c8e0b-2d4f-4a1c-9e3b-5f7a9c1e3b58') is not allowed to call StartInstance on task hub 'orders': it needs the role Durable Task Data Contributor at scope '${HUB}' or '${SCHEDULER}'; it has no Durable Task role on this task hub or its scheduler.`,
    });
    const worker = decide(request("GetInstance", [{ role: "worker", principalId: P, scope: HUB }]));
    expect(worker.allowed).toBe(false);
    if (!worker.allowed) {
      expect(worker.message).toContain(
        "needs the role Durable Task Data Reader or Durable Task Data Contributor",
      );
      expect(worker.message).toContain(`it has only Durable Task Worker at '${HUB}'`);
    }
  });
});

describe("roles", () => {
  it("maps role definition ids (bare or ARM) to roles", () => {
    expect(roleFromDefinitionId("0ad04412-c4d5-4796-b79c-f76d14c8d402")).toBe("contributor");
    expect(
      roleFromDefinitionId(
        "/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/80D0D6B0-F522-40A4-8886-A5A11720C375",
      ),
    ).toBe("worker");
    expect(roleFromDefinitionId("8e3af657-a8ff-443c-a75c-2fe8c4bcb635")).toBeUndefined();
  });
  it("lists the least privileged granting role first", () => {
    expect(rolesGranting("StreamInstanceHistory")).toEqual(["reader", "worker", "contributor"]);
    expect(rolesGranting("StartInstance")).toEqual(["contributor"]);
  });
});
