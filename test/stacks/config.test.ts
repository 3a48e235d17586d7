// stacks/config.ts reads every `dtsx:*` key from Pulumi's runtime config (as the engine passes it) and validates it.
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import type * as ConfigModule from "../../stacks/config";

let config: typeof ConfigModule;
beforeAll(async () => {
  await pulumi.runtime.setMocks(
    { newResource: () => ({ id: undefined, state: {} }), call: () => ({}) },
    "dtsx",
    "config-test",
  );
  config = await import("../../stacks/config");
});

describe("readStackConfig", () => {
  it("decodes JSON-encoded objects and arrays and validates the result", () => {
    pulumi.runtime.setAllConfig({
      "dtsx:environment": "dev",
      "dtsx:resourceGroupName": "rg-dts-dev",
      "dtsx:schedulers": JSON.stringify([
        { name: "dts-dev", location: "westeurope", sku: "Consumption", ipAllowlist: ["0.0.0.0/0"] },
      ]),
      "azure-native:location": "westeurope",
    });
    expect(config.readStackConfig()).toEqual({
      environment: "dev",
      resourceGroupName: "rg-dts-dev",
      identities: {},
      schedulers: [
        { name: "dts-dev", location: "westeurope", sku: "Consumption", ipAllowlist: ["0.0.0.0/0"] },
      ],
    });
  });

  it("reports a misspelt key instead of ignoring it", () => {
    pulumi.runtime.setAllConfig({
      "dtsx:environment": "dev",
      "dtsx:resourceGroupName": "rg-dts-dev",
      "dtsx:schedulers": "[]",
      "dtsx:resourcegroup": "rg",
    });
    expect(() => config.readStackConfig()).toThrow(
      "dtsx:schedulers: expected at least 1 item(s), got []\n" +
        "dtsx:resourcegroup: unknown key (see docs/components-and-stacks.md for the keys dtsx reads)",
    );
  });

  it("keeps plain strings as written", () => {
    expect(config.decodeConfigValue("westeurope")).toBe("westeurope");
    expect(config.decodeConfigValue("[not json")).toBe("[not json");
    expect(config.decodeConfigValue('{"a":1}')).toEqual({ a: 1 });
  });
});
