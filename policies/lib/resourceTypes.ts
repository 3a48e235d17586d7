// Resource type tokens the policies key on, and typed resource validations without loading @pulumi/azure-native
// (136 MB) into a pack that only needs five tokens. test/policies/lib/resourceTypes.test.ts asserts each token equals
// the `__pulumiType` of the azure-native class it stands for, so a provider upgrade that renamed one shows up there,
// not as a silently inapplicable policy.
import type {
  ReportViolation,
  ResourceRemediation,
  ResourceValidation,
  ResourceValidationArgs,
} from "@pulumi/policy";

export const SCHEDULER_TYPE = "azure-native:durabletask:Scheduler";
export const TASK_HUB_TYPE = "azure-native:durabletask:TaskHub";
export const RETENTION_POLICY_TYPE = "azure-native:durabletask:RetentionPolicy";
export const SCHEDULER_PRIVATE_ENDPOINT_CONNECTION_TYPE =
  "azure-native:durabletask:SchedulerPrivateEndpointConnection";
export const PRIVATE_ENDPOINT_TYPE = "azure-native:network:PrivateEndpoint";
export const ROLE_ASSIGNMENT_TYPE = "azure-native:authorization:RoleAssignment";

/** The scheduler inputs the policies read (azure-native durabletask.SchedulerArgs, resolved). */
export interface SchedulerInputs {
  schedulerName?: string;
  location?: string;
  tags?: Record<string, string>;
  properties?: {
    sku?: { name?: string; capacity?: number };
    ipAllowlist?: string[];
    publicNetworkAccess?: string;
  };
}

export interface TaskHubInputs {
  taskHubName?: string;
  schedulerName?: string;
}

export interface RoleAssignmentInputs {
  principalType?: string;
  principalId?: string;
  roleDefinitionId?: string;
  scope?: string;
}

type TypedValidation<Props> = (
  props: Props,
  args: ResourceValidationArgs,
  reportViolation: ReportViolation,
) => Promise<void> | void;

/**
 * @pulumi/policy's validateResourceOfType keyed on a type token instead of a resource class: the same
 * `__pulumiType` tag on the function (the analyzer skips other types without calling it) and the same
 * notApplicable for any other type.
 */
export function validateResourceOfToken<Props>(
  token: string,
  validate: TypedValidation<Props>,
): ResourceValidation {
  const validation = (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
    if (args.type !== token) return args.notApplicable(`resource is not of type ${token}`);
    return validate(args.props as Props, args, reportViolation);
  };
  return Object.assign(validation, { __pulumiType: token });
}

type TypedRemediation<Props> = (
  props: Props,
  args: ResourceValidationArgs,
) => Record<string, unknown> | undefined;

/** @pulumi/policy's remediateResourceOfType keyed on a type token, like validateResourceOfToken. */
export function remediateResourceOfToken<Props>(
  token: string,
  remediate: TypedRemediation<Props>,
): ResourceRemediation {
  const remediation = (args: ResourceValidationArgs) => {
    if (args.type !== token) return undefined;
    return remediate(args.props as Props, args);
  };
  return Object.assign(remediation, { __pulumiType: token });
}
