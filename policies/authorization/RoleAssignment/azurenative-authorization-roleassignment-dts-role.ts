import type { StackValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { optionalString } from "../../lib/known";
import { configSchemaOf } from "../../lib/policyConfig";
import { withMetadata } from "../../lib/metadata";
import { ROLE_ASSIGNMENT_TYPE } from "../../lib/resourceTypes";
import { describeDtsRoles, dtsRoleOf } from "../../lib/roles";
import { scopeTargetOf } from "../../lib/topology";

export const roleAssignmentDtsRoleConfig = z.object({});

/**
 * Data-plane access to DTS is exactly the three built-in roles (docs/reference/identity.md
 * "Built-in data-plane roles"); a custom or control-plane
 * role on a scheduler or task hub either does not work or grants more than the data plane needs.
 * A stack policy, so an assignment whose scope is a new scheduler's (unknown) id is still recognised through its
 * dependencies.
 *
 * @severity high
 * @link https://learn.microsoft.com/azure/durable-task/scheduler/durable-task-scheduler-identity
 */
export const roleAssignmentDtsRole = withMetadata<StackValidationPolicy>(
  {
    name: "azurenative-authorization-roleassignment-dts-role",
    description:
      "Role assignments on Durable Task scopes (scheduler or task hub) use a DTS built-in role: Data Contributor, Worker or Data Reader.",
    enforcementLevel: "mandatory",
    configSchema: configSchemaOf(roleAssignmentDtsRoleConfig),
    validateStack: (args, reportViolation) => {
      for (const assignment of args.resources.filter((r) => r.type === ROLE_ASSIGNMENT_TYPE)) {
        const target = scopeTargetOf(assignment, args.resources);
        if (target.kind === "other") continue;
        const roleDefinitionId = optionalString(assignment.props.roleDefinitionId) ?? "";
        if (dtsRoleOf(roleDefinitionId) === undefined) {
          reportViolation(
            `Role assignment "${assignment.name}" grants role "${roleDefinitionId}" on a Durable Task ${target.kind === "taskHub" ? "task hub" : "scheduler"} scope; use one of the DTS built-in roles: ${describeDtsRoles()}.`,
            assignment.urn,
          );
        }
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
