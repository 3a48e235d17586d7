import type { StackValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { leastPrivilegeFindings } from "../../lib/leastPrivilege";
import { configSchemaOf, profileList, readConfig } from "../../lib/policyConfig";

export const roleAssignmentLeastPrivilegeConfig = z.object({
  profiles: profileList(
    ["prod"],
    "Profiles where a ServicePrincipal with Worker or Data Contributor at scheduler scope is a violation.",
  ),
});

/**
 * @severity high
 * @link ../../../docs/policies.md#dtsx-roleassignment-least-privilege
 */
export const roleAssignmentLeastPrivilege: StackValidationPolicy = {
  name: "dtsx-roleassignment-least-privilege",
  description:
    "In prod a ServicePrincipal gets Worker or Data Contributor at task hub scope, never at scheduler scope.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: configSchemaOf(roleAssignmentLeastPrivilegeConfig),
  validateStack: (args, reportViolation) => {
    const { profiles } = readConfig(roleAssignmentLeastPrivilegeConfig, args);
    for (const finding of leastPrivilegeFindings(args, profiles)) {
      reportViolation(finding.message, finding.assignment.urn);
    }
  },
};
