// A rule whose strictness depends on the environment ("mandatory in prod, advisory in test, off in dev") is one
// policy with an `enforcementLevels` property in its policy config, instead of a mandatory and an advisory twin.
// The profile of each finding comes from the resource (policies/lib/profile.ts), so one stack file needs no
// per-environment policy config. How a level reaches the engine: the policy's own enforcement level (policy config
// or `all`) applies to a "mandatory" finding, so `{"all": "advisory"}` still downgrades everything; an "advisory"
// finding is reported with an explicit advisory level, which @pulumi/policy 1.21.0's reportViolation accepts as an
// object (`{message, urn, enforcementLevel}`; sdk/nodejs/policy/server.ts `makeReportViolationFun` in
// pulumi/pulumi-policy) and the engine keeps per diagnostic; a "disabled" finding is not reported.
import type { ReportViolation } from "@pulumi/policy";
import { z } from "zod";
import type { Profile } from "./profile";

export const PROFILE_LEVELS = ["mandatory", "advisory", "disabled"] as const;
export type ProfileLevel = (typeof PROFILE_LEVELS)[number];
export type ProfileLevels = Readonly<Record<Profile, ProfileLevel>>;

export function enforcementLevelsSchema(defaults: ProfileLevels) {
  const level = (profile: Profile) => z.enum(PROFILE_LEVELS).default(defaults[profile]);
  return z
    .object({ dev: level("dev"), test: level("test"), prod: level("prod") })
    .default({ ...defaults })
    .describe(
      'Enforcement level of a finding by the profile (tags.environment) of the resource it is about: "mandatory", "advisory" or "disabled".',
    );
}

/** What a finding at `level` looks like to the engine, or undefined when the level is "disabled". */
interface AdvisoryFinding {
  message: string;
  urn: string | undefined;
  enforcementLevel: "advisory";
}

export type LevelledReport = (level: ProfileLevel, message: string, urn?: string) => void;

/** Reports each finding at its profile's level; `description` prefixes advisory messages as the engine does. */
export function levelledReport(description: string, report: ReportViolation): LevelledReport {
  return (level, message, urn) => {
    if (level === "disabled") return;
    if (level === "mandatory") {
      report(message, urn);
      return;
    }
    const finding: AdvisoryFinding = {
      message: `${description}\n${message}`,
      urn,
      enforcementLevel: "advisory",
    };
    (report as unknown as (finding: AdvisoryFinding) => void)(finding);
  };
}
