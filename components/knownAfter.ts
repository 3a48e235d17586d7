// Names known before deployment that still order resources after the one they name.
import * as pulumi from "@pulumi/pulumi";

/**
 * `value` as an Output that depends on `resource`: known during preview whenever `value` is (a resource's `urn` is
 * always known), yet every resource taking it as an input still waits for `resource` to exist, because the
 * dependency travels with the Output exactly as it would with `resource.id`.
 */
export function knownAfter(
  resource: pulumi.Resource,
  value: pulumi.Input<string>,
): pulumi.Output<string> {
  return pulumi.all([resource.urn, value]).apply(([, known]) => known);
}

/**
 * The ARM id a component grants roles on. With a known subscription it is the id built from names: known during
 * preview, so the RBAC policies can run there, while knownAfter keeps the assignments waiting for `resource`.
 * Otherwise it is `resource.id`.
 */
export function accessScope(
  resource: pulumi.CustomResource,
  subscriptionId: pulumi.Input<string> | undefined,
  idFromNames: () => pulumi.Input<string>,
): pulumi.Output<string> {
  return subscriptionId === undefined ? resource.id : knownAfter(resource, idFromNames());
}
