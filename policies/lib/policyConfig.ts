// One zod schema per policy is the single source of a policy's configuration: `configSchemaOf` derives the JSON
// Schema the engine validates against and takes its `default`s from (docs/reference/pulumi.md
// "Policy packs: runtime semantics"), and `readConfig` applies the very same defaults in code, because `getConfig()`
// returns nothing in unit tests (no engine reconciles defaults).
import type { PolicyConfigSchema } from "@pulumi/policy";
import { z } from "zod";

export function configSchemaOf(schema: z.ZodObject): PolicyConfigSchema {
  const json = z.toJSONSchema(schema, { io: "input", target: "draft-7" }) as {
    properties?: PolicyConfigSchema["properties"];
    required?: string[];
  };
  const required = json.required ?? [];
  return { properties: json.properties ?? {}, ...(required.length > 0 ? { required } : {}) };
}

export function readConfig<Schema extends z.ZodObject>(
  schema: Schema,
  args: { getConfig<T extends object>(): T },
): z.output<Schema> {
  return schema.parse(args.getConfig<object>());
}

export const profileList = (defaults: Array<"dev" | "test" | "prod">, description: string) =>
  z
    .array(z.enum(["dev", "test", "prod"]))
    .default(defaults)
    .describe(description);
