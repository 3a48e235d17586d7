// A validator for the subset of OpenAPI 2.0 (Swagger) schema the Microsoft.DurableTask spec uses — type,
// properties, required, enum, items, additionalProperties, allOf, $ref, format — with the model semantics
// Azure's tooling applies to responses (oav, https://github.com/Azure/oav): `allOf` merges the parents'
// properties into the model, and a property the model does not declare is an error unless the model has
// `additionalProperties`. Each issue names the JSON path, the rule and the value.

export interface Schema {
  $ref?: string;
  type?: "object" | "array" | "string" | "integer" | "number" | "boolean";
  properties?: Record<string, Schema>;
  required?: readonly string[];
  enum?: readonly string[];
  items?: Schema;
  additionalProperties?: Schema | boolean;
  allOf?: readonly Schema[];
  format?: "date-time" | "uri" | "int32" | "arm-id" | "uuid";
  readOnly?: boolean;
}

export type Definitions = Readonly<Record<string, Schema>>;

const REF_PREFIX = "#/definitions/";

function resolve(schema: Schema, definitions: Definitions): Schema {
  let current = schema;
  const seen = new Set<string>();
  while (current.$ref !== undefined) {
    const name = current.$ref.startsWith(REF_PREFIX)
      ? current.$ref.slice(REF_PREFIX.length)
      : current.$ref;
    if (seen.has(name)) throw new Error(`schema $ref cycle at ${name}`);
    seen.add(name);
    const target = definitions[name];
    if (target === undefined) throw new Error(`schema $ref to unknown definition ${name}`);
    current = target;
  }
  return current;
}

/** The model with its `allOf` parents' properties and required members merged in. */
function flatten(
  schema: Schema,
  definitions: Definitions,
): { properties: Record<string, Schema>; required: Set<string>; additional?: Schema | boolean } {
  const resolved = resolve(schema, definitions);
  const properties: Record<string, Schema> = {};
  const required = new Set<string>();
  let additional = resolved.additionalProperties;
  for (const parent of resolved.allOf ?? []) {
    const flat = flatten(parent, definitions);
    Object.assign(properties, flat.properties);
    flat.required.forEach((name) => required.add(name));
    additional ??= flat.additional;
  }
  Object.assign(properties, resolved.properties ?? {});
  (resolved.required ?? []).forEach((name) => required.add(name));
  return additional === undefined ? { properties, required } : { properties, required, additional };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function formatIssue(format: Schema["format"], value: unknown): string | undefined {
  switch (format) {
    case "date-time":
      return typeof value === "string" && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))
        ? undefined
        : "expected an RFC 3339 date-time";
    case "uri":
      try {
        new URL(String(value));
        return undefined;
      } catch {
        return "expected an absolute URI";
      }
    case "int32":
      return typeof value === "number" && value >= -(2 ** 31) && value < 2 ** 31
        ? undefined
        : "expected a 32-bit integer";
    case "arm-id":
      return typeof value === "string" && value.startsWith("/")
        ? undefined
        : "expected an ARM resource id";
    case "uuid":
      return typeof value === "string" &&
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
        ? undefined
        : "expected a UUID";
    case undefined:
      return undefined;
    default: {
      const unreachable: never = format;
      return `unknown format ${String(unreachable)}`;
    }
  }
}

/** All issues of `value` against `schema`; empty when it validates. */
export function validateSchema(
  value: unknown,
  schema: Schema,
  definitions: Definitions,
  path = "$",
): string[] {
  const resolved = resolve(schema, definitions);
  const issues: string[] = [];
  const type =
    resolved.type ??
    (resolved.properties !== undefined || resolved.allOf !== undefined ? "object" : undefined);
  switch (type) {
    case "object": {
      if (!isPlainObject(value)) return [`${path}: expected an object, got ${show(value)}`];
      const { properties, required, additional } = flatten(resolved, definitions);
      for (const name of required) {
        if (!(name in value)) issues.push(`${path}.${name}: required property is missing`);
      }
      for (const [name, member] of Object.entries(value)) {
        const memberSchema = properties[name];
        if (memberSchema !== undefined) {
          issues.push(...validateSchema(member, memberSchema, definitions, `${path}.${name}`));
        } else if (typeof additional === "object") {
          issues.push(...validateSchema(member, additional, definitions, `${path}.${name}`));
        } else if (additional !== true) {
          issues.push(
            `${path}.${name}: property is not defined in the schema (value ${show(member)})`,
          );
        }
      }
      return issues;
    }
    case "array":
      if (!Array.isArray(value)) return [`${path}: expected an array, got ${show(value)}`];
      value.forEach((item, index) => {
        if (resolved.items !== undefined) {
          issues.push(...validateSchema(item, resolved.items, definitions, `${path}[${index}]`));
        }
      });
      return issues;
    case "string":
      if (typeof value !== "string") return [`${path}: expected a string, got ${show(value)}`];
      break;
    case "integer":
      if (typeof value !== "number" || !Number.isInteger(value)) {
        return [`${path}: expected an integer, got ${show(value)}`];
      }
      break;
    case "number":
      if (typeof value !== "number") return [`${path}: expected a number, got ${show(value)}`];
      break;
    case "boolean":
      if (typeof value !== "boolean") return [`${path}: expected a boolean, got ${show(value)}`];
      break;
    case undefined:
      break;
    default: {
      const unreachable: never = type;
      return [`${path}: unknown schema type ${String(unreachable)}`];
    }
  }
  if (resolved.enum !== undefined && !resolved.enum.includes(value as string)) {
    issues.push(
      `${path}: expected one of ${resolved.enum.map((v) => `"${v}"`).join(" | ")}, got ${show(value)}`,
    );
  }
  const formatProblem = formatIssue(resolved.format, value);
  if (formatProblem !== undefined) issues.push(`${path}: ${formatProblem}, got ${show(value)}`);
  return issues;
}
