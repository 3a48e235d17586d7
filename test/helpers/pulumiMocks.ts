// Pulumi unit-test helpers: ARM-shaped mocks that record every registration, and output unwrapping.
// Call setRecordingMocks ONCE per test file (vitest runs each file in its own worker), before importing code that
// creates resources; give resources distinct names per test.
import * as pulumi from "@pulumi/pulumi";
import { armMocks } from "../../cli/plan/mocks";

export const TEST_SUBSCRIPTION_ID = "11111111-2222-4333-8444-555555555555";

/** One `newResource` call as the mock saw it. */
export interface Registration {
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  readonly inputs: Record<string, unknown>;
}

export interface Recorder {
  /** Every `newResource` call, in order. */
  readonly registrations: Registration[];
  /** The single registration with this type and logical name; throws if there is none or several. */
  one(type: string, name: string): Registration;
  /** Registrations whose logical name starts with `prefix` (one component's subtree), optionally of one type. */
  under(prefix: string, type?: string): Registration[];
}

export async function setRecordingMocks(
  stack = "unit",
  subscriptionId = TEST_SUBSCRIPTION_ID,
): Promise<Recorder> {
  const registrations: Registration[] = [];
  const mocks = armMocks({ subscriptionId });
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registrations.push({
          type: args.type,
          name: args.name,
          custom: args.custom ?? false,
          inputs: args.inputs as Record<string, unknown>,
        });
        return mocks.newResource(args);
      },
      call: (args) => mocks.call(args),
    },
    "dtsx",
    stack,
    false,
  );
  return {
    registrations,
    one(type, name) {
      const matches = registrations.filter((entry) => entry.type === type && entry.name === name);
      if (matches.length !== 1) {
        throw new Error(`expected one ${type} named ${name}, found ${matches.length}`);
      }
      return matches[0] as Registration;
    },
    under(prefix, type) {
      return registrations.filter(
        (entry) => entry.name.startsWith(prefix) && (type === undefined || entry.type === type),
      );
    },
  };
}

/** The value of an output (known under non-preview mocks). */
export function unwrap<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

/** Waits until every given resource is registered (dependent resources register after their inputs resolve). */
export async function registered(resources: readonly pulumi.Resource[]): Promise<void> {
  await Promise.all(resources.map((resource) => unwrap(resource.urn)));
}
