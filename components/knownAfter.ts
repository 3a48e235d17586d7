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
