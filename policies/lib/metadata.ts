// The metadata pulumi/compliance-policies registers with every policy (docs/policies/policy/policy.md of that
// repository: "Policy additional information"): one vendor, one service, a severity, topics to group policies
// into packs, and the compliance frameworks a policy supports. CrossGuard itself carries `severity`, `tags` and
// `url` to the engine and Pulumi Cloud; the rest stays in the pack's registry (policies/all.ts) and docs.
import type { ResourceValidationPolicy, Severity, StackValidationPolicy } from "@pulumi/policy";

export interface PolicyMetadata {
  /** The resource provider's vendor; compliance-policies names one. */
  readonly vendors: readonly ["azure"];
  /** The azure-native module of the resource the policy checks (`durabletask`, `authorization`). */
  readonly services: readonly [string];
  readonly severity: Severity;
  readonly topics: readonly string[];
  /** Compliance frameworks the rule supports, in compliance-policies' spelling (e.g. `pcidss`); often none. */
  readonly frameworks: readonly string[];
}

export type DtsxPolicy = ResourceValidationPolicy | StackValidationPolicy;

/** The policy as the engine sees it: severity from the metadata, topics and frameworks as tags. */
export function withMetadata<Policy extends DtsxPolicy>(
  policy: Policy,
  metadata: PolicyMetadata,
): Policy & { readonly metadata: PolicyMetadata } {
  const tags = [...metadata.topics, ...metadata.frameworks];
  return { ...policy, severity: metadata.severity, tags, metadata } as unknown as Policy & {
    readonly metadata: PolicyMetadata;
  };
}
