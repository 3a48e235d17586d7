import type { ResourceValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { configSchemaOf } from "../../lib/policyConfig";
import { withMetadata } from "../../lib/metadata";
import type { RoleAssignmentInputs } from "../../lib/resourceTypes";
import { ROLE_ASSIGNMENT_TYPE, validateResourceOfToken } from "../../lib/resourceTypes";

export const roleAssignmentPrincipalTypeConfig = z.object({});

/**
 * Without principalType, ARM looks the principal up in Entra ID, which fails for an identity created moments earlier
 * (replication delay) — and least-privilege rules need the type to tell apps from people.
 *
 * @severity medium
 * @link https://learn.microsoft.com/azure/role-based-access-control/role-assignments-bicep
 */
export const roleAssignmentPrincipalType = withMetadata<ResourceValidationPolicy>(
  {
    name: "azurenative-authorization-roleassignment-principal-type",
    description: "Every role assignment sets principalType (ServicePrincipal, Group, User, …).",
    enforcementLevel: "mandatory",
    configSchema: configSchemaOf(roleAssignmentPrincipalTypeConfig),
    validateResource: validateResourceOfToken<RoleAssignmentInputs>(
      ROLE_ASSIGNMENT_TYPE,
      (props, args, reportViolation) => {
        if ((props.principalType ?? "") === "") {
          reportViolation(
            `Role assignment "${args.name}" does not set principalType; set it to the principal's type (ServicePrincipal, Group, User or ForeignGroup).`,
          );
        }
      },
    ),
  },
  {
    vendors: ["azure"],
    services: ["authorization"],
    severity: "medium",
    topics: ["security", "identity", "rbac"],
    frameworks: [],
  },
);
