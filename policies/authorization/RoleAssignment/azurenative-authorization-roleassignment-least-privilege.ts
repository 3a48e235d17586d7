import type { StackValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { leastPrivilegeFindings } from "../../lib/leastPrivilege";
import { withMetadata } from "../../lib/metadata";
import { configSchemaOf, readConfig } from "../../lib/policyConfig";
import { enforcementLevelsSchema, levelledReport } from "../../lib/profileLevels";

export const roleAssignmentLeastPrivilegeConfig = z.object({
  enforcementLevels: enforcementLevelsSchema({
    dev: "advisory",
    test: "advisory",
    prod: "mandatory",
  }),
});

const DESCRIPTION =
  "A ServicePrincipal gets Worker or Data Contributor at task hub scope, never at scheduler scope (mandatory in prod, advisory elsewhere by default).";

/**
 * Reader at scheduler scope, and groups or users at scheduler scope, are allowed: they are people watching every
 * hub, not an app that should reach one.
 *
 * @severity high
 * @link https://learn.microsoft.com/azure/durable-task/scheduler/durable-task-scheduler-identity
 */
export const roleAssignmentLeastPrivilege = withMetadata<StackValidationPolicy>(
  {
    name: "azurenative-authorization-roleassignment-least-privilege",
    description: DESCRIPTION,
    enforcementLevel: "mandatory",
    configSchema: configSchemaOf(roleAssignmentLeastPrivilegeConfig),
    validateStack: (args, reportViolation) => {
      const { enforcementLevels } = readConfig(roleAssignmentLeastPrivilegeConfig, args);
      const report = levelledReport(DESCRIPTION, reportViolation);
      for (const finding of leastPrivilegeFindings(args)) {
        report(enforcementLevels[finding.profile], finding.message, finding.assignment.urn);
      }
    },
  },
  {
    vendors: ["azure"],
    services: ["authorization"],
    severity: "high",
    topics: ["security", "identity", "rbac"],
    frameworks: ["pcidss", "iso27001"],
  },
);
