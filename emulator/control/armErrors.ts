// The one factory for control-plane errors: every refusal an ARM client sees is built here, in the common-types
// `{"error":{"code","message"}}` envelope (docs/reference/arm.md "Long-running operations"), with Azure's codes where
// they are known (docs/reference/arm.md "Error codes").

export class ArmError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ArmError";
  }

  /** The wire body, exactly as ARM sends it. */
  toBody(): { error: { code: string; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}

export const armErrors = {
  missingApiVersion: () =>
    new ArmError(
      400,
      "MissingApiVersionParameter",
      "The api-version query parameter (?api-version=) is required for all requests.",
    ),
  invalidApiVersion: (given: string, supported: readonly string[]) =>
    new ArmError(
      400,
      "InvalidApiVersionParameter",
      `The api-version '${given}' is invalid. The supported versions are '${supported.join(", ")}'.`,
    ),
  repeatedApiVersion: (given: readonly string[]) =>
    new ArmError(
      400,
      "InvalidApiVersionParameter",
      `The api-version query parameter was given ${given.length} times (${given.map((v) => `'${v}'`).join(", ")}); give it exactly once.`,
    ),
  /** ARM's answer for a version the provider does not register; the type is printed without its namespace. */
  noRegisteredProviderFound: (
    given: string,
    resourceType: string,
    location: string,
    supported: readonly string[],
  ) =>
    new ArmError(
      400,
      "NoRegisteredProviderFound",
      `No registered resource provider found for location '${location}' and API version '${given}' for type '${resourceType.split("/").slice(1).join("/") || resourceType}'. The supported api-versions are '${supported.join(", ")}'.`,
    ),
  invalidSubscriptionId: (given: string) =>
    new ArmError(
      400,
      "InvalidSubscriptionId",
      `The provided subscription identifier '${given}' is malformed or invalid.`,
    ),
  /** An RP's answer for a verb a resource type does not have, with the verbs it has. */
  methodNotAllowed: (method: string, path: string, allowed: readonly string[]) =>
    new ArmError(
      405,
      "MethodNotAllowed",
      `The HTTP method '${method}' is not supported on the resource '${path}'. Supported methods: ${allowed.join(", ")}.`,
    ),
  invalidResourceType: (path: string) =>
    new ArmError(
      404,
      "InvalidResourceType",
      `The resource type of '${path}' could not be found in the namespaces of the local control plane (Microsoft.DurableTask: operations, schedulers, schedulers/taskHubs, schedulers/retentionPolicies; Microsoft.Authorization/roleAssignments at scheduler and task hub scope).`,
    ),
  invalidRequestContent: (detail: string) =>
    new ArmError(
      400,
      "InvalidRequestContent",
      `The request content was invalid and could not be deserialized: ${detail}`,
    ),
  validation: (message: string) => new ArmError(400, "ValidationError", message),
  invalidSkuCapacity: (message: string) => new ArmError(400, "InvalidSkuCapacity", message),
  invalidResourceName: (message: string) => new ArmError(400, "InvalidResourceName", message),
  invalidResourceLocation: (
    name: string,
    resourceGroup: string,
    existing: string,
    requested: string,
  ) =>
    new ArmError(
      400,
      "InvalidResourceLocation",
      `The resource '${name}' already exists in location '${existing}' in resource group '${resourceGroup}'. A resource with the same name cannot be created in location '${requested}'. Please select a new resource name.`,
    ),
  /** Azure's wording: "The Resource 'Microsoft.X/type/name' under resource group 'rg' was not found." */
  resourceNotFound: (typeAndName: string, resourceGroup: string) =>
    new ArmError(
      404,
      "ResourceNotFound",
      `The Resource '${typeAndName}' under resource group '${resourceGroup}' was not found.`,
    ),
  parentResourceNotFound: (parentTypeAndName: string) =>
    new ArmError(
      404,
      "ParentResourceNotFound",
      `Can not perform requested operation on nested resource. Parent resource '${parentTypeAndName}' not found.`,
    ),
  /** The exact message Azure returns (docs/reference/arm.md "Error codes"). */
  cannotDeleteResource: (nestedIds: readonly string[]) =>
    new ArmError(
      409,
      "CannotDeleteResource",
      `Cannot delete resource while nested resources exist. Some existing nested resource IDs include: ${nestedIds
        .map((id) => `'${id}'`)
        .join(", ")}. Please delete all nested resources before deleting this resource.`,
    ),
  nameNotAvailable: (code: string, message: string) => new ArmError(409, code, message),
  schedulerQuotaExceeded: (limit: number, region: string, subscription: string) =>
    new ArmError(
      409,
      "SchedulerQuotaExceeded",
      `Scheduler quota exceeded: subscription '${subscription}' already has ${limit} schedulers in region '${region}' and the limit is ${limit} schedulers per region per subscription (--max-schedulers-per-region). Delete a scheduler in '${region}' or raise the limit.`,
    ),
  taskHubQuotaExceeded: (limit: number, scheduler: string) =>
    new ArmError(
      409,
      "TaskHubQuotaExceeded",
      `Task hub quota exceeded: scheduler '${scheduler}' already has ${limit} task hubs and the limit is ${limit} task hubs per scheduler (--max-task-hubs-per-scheduler). Delete a task hub or raise the limit.`,
    ),
  invalidRoleAssignmentId: (name: string) =>
    new ArmError(
      400,
      "InvalidRoleAssignmentId",
      `The role assignment ID '${name}' is not valid. The role assignment ID must be a GUID.`,
    ),
  roleDefinitionDoesNotExist: (roleDefinitionId: string, supported: readonly string[]) =>
    new ArmError(
      400,
      "RoleDefinitionDoesNotExist",
      `The specified role definition '${roleDefinitionId}' does not exist or is not a Durable Task data-plane role. Supported role definitions: ${supported.join(", ")}.`,
    ),
  roleAssignmentNotFound: (id: string) =>
    new ArmError(404, "RoleAssignmentNotFound", `The role assignment '${id}' is not found.`),
  roleAssignmentExists: (existingName: string) =>
    new ArmError(
      409,
      "RoleAssignmentExists",
      `The role assignment already exists. The ID of the existing role assignment is ${existingName}.`,
    ),
  roleAssignmentUpdateNotPermitted: () =>
    new ArmError(
      409,
      "RoleAssignmentUpdateNotPermitted",
      "Tenant ID, application ID, principal ID, and scope are not allowed to be updated.",
    ),
  unsupportedMediaType: (contentType: string) =>
    new ArmError(
      415,
      "UnsupportedMediaType",
      `The content media type '${contentType}' is not supported. Only 'application/json' is supported.`,
    ),
  internal: (message: string) => new ArmError(500, "InternalServerError", message),
};
