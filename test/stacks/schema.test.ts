// The `dtsx:*` configuration contract: shapes from zod, rules from the components, one message per broken rule.
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-assignment --
   each test mutates raw, untyped YAML data on purpose: that is what users hand the schema. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  loadStackConfigFile,
  parseStackConfig,
  readStackConfigFile,
  StackConfigError,
} from "../../topology/schema";

const STACKS = join(__dirname, "../../stacks");
const prodRaw = (): Record<string, unknown> =>
  structuredClone(readStackConfigFile(join(STACKS, "Pulumi.prod.yaml")));

/** The prod configuration with one mutation applied; returns the problems (or [] when valid). */
function problemsOf(mutate: (raw: Record<string, any>) => void): readonly string[] {
  const raw = prodRaw();
  mutate(raw);
  try {
    parseStackConfig(raw);
    return [];
  } catch (error) {
    if (error instanceof StackConfigError) return error.problems;
    throw error;
  }
}

describe("stack files", () => {
  it.each(["dev", "test", "prod", "local"])("Pulumi.%s.yaml is valid", (stack) => {
    const config = loadStackConfigFile(join(STACKS, `Pulumi.${stack}.yaml`));
    expect(config.schedulers.length).toBeGreaterThan(0);
  });

  it("parses the prod contract into typed values", () => {
    const config = loadStackConfigFile(join(STACKS, "Pulumi.prod.yaml"));
    expect(config.environment).toBe("prod");
    expect(config.identities.oncall).toEqual({
      principalId: "a4b6c8d0-2e1f-4a3c-9b5d-8e7f6a5b4c31",
      principalType: "Group",
    });
    expect(config.schedulers[0]).toMatchObject({
      name: "dts-orders-prod-weu",
      sku: "Dedicated",
      capacity: 3,
      publicNetworkAccess: "Disabled",
      retention: { default: 30, failed: 90 },
    });
  });
});

describe("shape errors name the key, the expectation and the value", () => {
  it("a SKU typo (the issue's example)", () => {
    expect(problemsOf((raw) => (raw.schedulers[0].sku = "Dedicated2"))).toEqual([
      'dtsx:schedulers[0].sku: expected "Consumption" | "Dedicated", got "Dedicated2"',
    ]);
  });

  it("an unknown environment", () => {
    expect(problemsOf((raw) => (raw.environment = "staging"))).toEqual([
      'dtsx:environment: expected "dev" | "test" | "prod", got "staging"',
    ]);
  });

  it("a missing required key", () => {
    expect(problemsOf((raw) => delete raw.resourceGroupName)).toEqual([
      "dtsx:resourceGroupName: required, expected string",
    ]);
  });

  it("a value of the wrong type", () => {
    expect(problemsOf((raw) => (raw.schedulers[0].capacity = "3"))).toEqual([
      'dtsx:schedulers[0].capacity: expected number, got "3"',
    ]);
  });

  it("a misspelt key, at the top and nested", () => {
    expect(
      problemsOf((raw) => {
        raw.schedulrs = [];
        raw.schedulers[0].taskHubs[0].acess = [];
      }),
    ).toEqual([
      "dtsx:schedulers[0].taskHubs[0].acess: unknown key (see docs/components-and-stacks.md for the keys dtsx reads)",
      "dtsx:schedulrs: unknown key (see docs/components-and-stacks.md for the keys dtsx reads)",
    ]);
  });

  it("no schedulers", () => {
    expect(problemsOf((raw) => (raw.schedulers = []))).toEqual([
      "dtsx:schedulers: expected at least 1 item(s), got []",
    ]);
  });

  it("an unknown role", () => {
    expect(problemsOf((raw) => (raw.schedulers[0].taskHubs[0].access[0].role = "writer"))).toEqual([
      'dtsx:schedulers[0].taskHubs[0].access[0].role: expected "contributor" | "worker" | "reader", got "writer"',
    ]);
  });

  it("an unknown principal type", () => {
    expect(problemsOf((raw) => (raw.identities["orders-app"].principalType = "App"))).toEqual([
      'dtsx:identities["orders-app"].principalType: expected "User" | "Group" | "ServicePrincipal" | "ForeignGroup" | "Device", got "App"',
    ]);
  });
});

describe("rules across keys", () => {
  it("subscriptionId is a GUID", () => {
    expect(problemsOf((raw) => (raw.subscriptionId = "prod-sub"))).toEqual([
      'dtsx:subscriptionId: expected a GUID, got "prod-sub"',
    ]);
  });

  it("resourceGroupName follows ARM's rule", () => {
    expect(problemsOf((raw) => (raw.resourceGroupName = "rg dts."))).toEqual([
      'dtsx:resourceGroupName: expected 1-90 letters, digits, underscores, hyphens, periods or parentheses, not ending with a period, got "rg dts."',
    ]);
  });

  it("identity names are simple words", () => {
    expect(
      problemsOf((raw) => {
        raw.identities["on call"] = raw.identities.oncall;
      }),
    ).toEqual([
      'dtsx:identities["on call"]: expected an identity name of 1-64 letters, digits, ".", "_" or "-" starting with a letter or digit, got "on call"',
    ]);
  });

  it("identity GUIDs are reported once, not once per scheduler", () => {
    expect(
      problemsOf((raw) => {
        raw.identities.oncall.principalId = "oncall-group";
        raw.schedulers.push({ ...structuredClone(raw.schedulers[0]), name: "dts-orders-prod-neu" });
      }),
    ).toEqual(['dtsx:identities.oncall.principalId: expected a GUID, got "oncall-group"']);
  });

  it("component rules apply under the scheduler's key (Consumption sets no capacity)", () => {
    expect(
      problemsOf((raw) => {
        raw.schedulers[0].sku = "Consumption";
        raw.schedulers[0].retention = { default: 7 };
      }),
    ).toEqual(["dtsx:schedulers[0].capacity: expected no capacity on the Consumption SKU, got 3"]);
  });

  it("an identity referenced but not declared", () => {
    expect(problemsOf((raw) => (raw.schedulers[0].access[0].identity = "pager"))).toEqual([
      'dtsx:schedulers[0].access[0].identity: identity "pager" is not declared in identities (declared: orders-app, orders-api, billing-app, oncall)',
    ]);
  });

  it("duplicate scheduler names", () => {
    expect(problemsOf((raw) => raw.schedulers.push(structuredClone(raw.schedulers[0])))).toEqual([
      'dtsx:schedulers[1].name: duplicate scheduler name "dts-orders-prod-weu" (also schedulers[0].name)',
    ]);
  });

  it("an environment tag that contradicts dtsx:environment", () => {
    expect(problemsOf((raw) => (raw.schedulers[0].tags.environment = "dev"))).toEqual([
      'dtsx:schedulers[0].tags.environment: expected "prod" (the value of dtsx:environment, which the program sets) or no tag, got "dev"',
    ]);
  });

  it("lists every problem at once", () => {
    expect(
      problemsOf((raw) => {
        raw.schedulers[0].capacity = 4;
        raw.schedulers[0].taskHubs[1].name = "orders";
        raw.schedulers[0].retention.failed = 91;
      }),
    ).toEqual([
      "dtsx:schedulers[0].capacity: expected 1 | 2 | 3, got 4 (capacity units on the Dedicated SKU)",
      "dtsx:schedulers[0].retention.failed: expected a whole number of days from 0 to 90 on the Dedicated SKU, got 91",
      'dtsx:schedulers[0].taskHubs[1].name: duplicate task hub name "orders" (also taskHubs[0].name); names are unique within a scheduler',
    ]);
  });
});

describe("reading stack files", () => {
  const dir = mkdtempSync(join(tmpdir(), "dtsx-schema-"));
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it("takes dtsx: keys and unprefixed (project) keys, and ignores other namespaces", () => {
    const path = file(
      "Pulumi.ns.yaml",
      "config:\n  environment: dev\n  dtsx:resourceGroupName: rg\n  azure-native:location: westeurope\n",
    );
    expect(readStackConfigFile(path)).toEqual({ environment: "dev", resourceGroupName: "rg" });
  });

  it("reports YAML syntax errors with the file", () => {
    const path = file("Pulumi.broken.yaml", "config:\n  dtsx:schedulers: [\n");
    expect(() => readStackConfigFile(path)).toThrow(StackConfigError);
    expect(() => readStackConfigFile(path)).toThrow(path);
  });

  it("reports a config section that is not a mapping", () => {
    const path = file("Pulumi.list.yaml", "config:\n  - a\n");
    expect(() => readStackConfigFile(path)).toThrow(
      `${path}: config: expected a mapping, got ["a"]`,
    );
  });

  it("a file without config misses every required key", () => {
    const path = file("Pulumi.empty.yaml", "# nothing\n");
    expect(() => loadStackConfigFile(path)).toThrow(
      [
        'dtsx:environment: required, expected "dev" | "test" | "prod"',
        "dtsx:resourceGroupName: required, expected string",
        "dtsx:schedulers: required, expected array",
      ].join("\n"),
    );
  });
});

describe("schema module boundary", () => {
  it("loads no @pulumi/* module at runtime (the emulator imports it)", () => {
    const loaded = execFileSync(
      process.execPath,
      [
        "--require",
        "tsx/cjs",
        "-e",
        'require("./topology/schema"); console.log(JSON.stringify(Object.keys(require.cache).filter((path) => path.includes("@pulumi"))))',
      ],
      { cwd: join(__dirname, "../.."), encoding: "utf8", timeout: 60_000 },
    );
    expect(JSON.parse(loaded)).toEqual([]);
  });
});
