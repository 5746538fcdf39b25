/**
 * Discovery JsonSchema → OpenAPI Schema Object.
 *
 * - `$ref: "Foo"` → `#/components/schemas/Foo` (recursion is left to the reference);
 * - `type: "any"` → `{}` (openapi-typescript then gives `unknown`);
 * - `format` is kept as is, so `string`/`int64` stays a string with `Format: int64`;
 * - `additionalProperties` → a record type; `enum`, `readOnly`, `deprecated` are kept;
 * - `default` is typed from its string form (`"true"` → `true` for booleans);
 * - nothing is nullable: Discovery cannot say so, and `| null` everywhere helps no one.
 *
 * @see https://developers.google.com/discovery/v1/type-format
 * @see https://developers.google.com/discovery/v1/reference/apis (schemas)
 */
import type { DiscoverySchema } from "../discovery.js";
import type { SchemaObject } from "./types.js";

const TYPES = new Set(["string", "integer", "number", "boolean", "object", "array"]);

export function schemaRef(name: string): string {
  return `#/components/schemas/${name}`;
}

export function toSchema(schema: DiscoverySchema): SchemaObject {
  if (schema.$ref !== undefined) {
    return { $ref: schemaRef(schema.$ref) };
  }
  const out: SchemaObject = {};
  const type = schema.type;
  if (type !== undefined && TYPES.has(type)) {
    out.type = type as NonNullable<SchemaObject["type"]>;
  }
  if (schema.format !== undefined) {
    out.format = schema.format;
  }
  if (schema.enum !== undefined) {
    out.enum = [...schema.enum];
  }
  const fallback = typedValue(type, schema.default);
  if (fallback !== undefined) {
    out.default = fallback;
  }
  if (schema.pattern !== undefined) {
    out.pattern = schema.pattern;
  }
  const minimum = typedValue(type, schema.minimum);
  if (typeof minimum === "number") {
    out.minimum = minimum;
  }
  const maximum = typedValue(type, schema.maximum);
  if (typeof maximum === "number") {
    out.maximum = maximum;
  }
  if (schema.items !== undefined) {
    out.items = toSchema(schema.items);
  }
  if (schema.properties !== undefined) {
    out.properties = {};
    const required: string[] = [];
    for (const [name, prop] of Object.entries(schema.properties)) {
      out.properties[name] = toSchema(prop);
      if (prop.required === true) {
        required.push(name);
      }
    }
    if (required.length > 0) {
      out.required = required;
    }
  }
  if (schema.additionalProperties !== undefined) {
    out.additionalProperties = toSchema(schema.additionalProperties);
  }
  if (schema.readOnly === true) {
    out.readOnly = true;
  }
  if (schema.deprecated === true) {
    out.deprecated = true;
  }
  return out;
}

/** Discovery writes defaults and bounds as strings; JSON Schema wants the typed value. */
function typedValue(type: string | undefined, value: string | undefined): unknown {
  if (value === undefined) {
    return undefined;
  }
  if (type === "boolean") {
    return value === "true" ? true : value === "false" ? false : undefined;
  }
  if (type === "integer" || type === "number") {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return value;
}

/** True when a request message has fields, i.e. a body must be sent. */
export function hasFields(schema: DiscoverySchema | undefined): boolean {
  if (schema === undefined) {
    return false;
  }
  if (schema.type !== "object" && schema.type !== undefined) {
    return true;
  }
  return (
    Object.keys(schema.properties ?? {}).length > 0 || schema.additionalProperties !== undefined
  );
}
