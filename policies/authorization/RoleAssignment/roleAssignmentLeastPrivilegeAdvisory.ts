import type { StackValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { leastPrivilegeFindings } from "../../lib/leastPrivilege";
import { configSchemaOf, profileList, readConfig } from "../../lib/policyConfig";

export const roleAssignmentLeastPrivilegeAdvisoryConfig = z.object({
  profiles: profileList(
    ["dev", "test"],
    "Profiles that get the prod least-privilege rule as advice.",
  ),
});

/**
 * The advisory twin of dtsx-roleassignment-least-privilege ("advisory elsewhere"): one rule, two levels.
 *
 * @severity low
 * @link ../../../docs/policies.md#dtsx-roleassignment-least-privilege-advisory
 */
export const roleAssignmentLeastPrivilegeAdvisory: StackValidationPolicy = {
  name: "dtsx-roleassignment-least-privilege-advisory",
  description:
    "Outside prod, advice: a ServicePrincipal should get Worker or Data Contributor at task hub scope, not at scheduler scope.",
  enforcementLevel: "advisory",
  severity: "low",
  configSchema: configSchemaOf(roleAssignmentLeastPrivilegeAdvisoryConfig),
  validateStack: (args, reportViolation) => {
    const { profiles } = readConfig(roleAssignmentLeastPrivilegeAdvisoryConfig, args);
    for (const finding of leastPrivilegeFindings(args, profiles)) {
      reportViolation(finding.message, finding.assignment.urn);
    }
  },
};
