// The CrossGuard pack entry: `pulumi preview --policy-pack policies`. The engine runs it with cwd = this directory,
// where `new PolicyPack` reads package.json's version and starts the analyzer's gRPC server — which is why nothing
// else imports this file (tests and `dtsx plan` use ./all and ./evaluate).
import { PolicyPack } from "@pulumi/policy";
import { allPolicies, POLICY_PACK_NAME } from "./all";

new PolicyPack(POLICY_PACK_NAME, {
  description:
    "Guardrails for Azure Durable Task Scheduler: the per-region scheduler quota, names, SKUs, network, retention, RBAC, tags and regions.",
  enforcementLevel: "mandatory",
  policies: allPolicies,
});
