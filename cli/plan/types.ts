// The shapes `dtsx plan` produces. The policy pack consumes PlannedResource and fills Violation.

/** One resource the program registered, as the mocked engine saw it. */
export interface PlannedResource {
  /** Pulumi type token, e.g. `azure-native:durabletask:Scheduler` or `dtsx:index:Scheduler`. */
  readonly type: string;
  /** Logical (Pulumi) name. */
  readonly name: string;
  readonly urn: string;
  /** URN of the parent resource (the stack resource for top-level components); undefined for the stack itself. */
  readonly parentUrn: string | undefined;
  /** True for provider resources (what Azure would get), false for components and the stack. */
  readonly custom: boolean;
  /** The mocked ARM id (custom resources only). */
  readonly id: string | undefined;
  /** Inputs exactly as registered. */
  readonly inputs: Record<string, unknown>;
  /** State the mock returned (what the provider would report after create). */
  readonly outputs: Record<string, unknown>;
}

/** A policy finding (the policy pack fills these). */
export interface Violation {
  readonly policy: string;
  readonly enforcementLevel: "advisory" | "mandatory" | "remediate" | "disabled";
  readonly message: string;
  /** URN of the offending resource; undefined for stack-level policies. */
  readonly resource: string | undefined;
}

/** `--json` output: a stable shape scripts can parse. */
export interface PlanJson {
  readonly stack: string;
  readonly resources: { type: string; name: string; inputs: Record<string, unknown> }[];
  readonly violations: Violation[];
}
