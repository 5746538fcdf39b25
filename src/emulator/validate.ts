/**
 * Request validation against the OpenAPI schemas, with Google's JSON-parser behaviour:
 * unknown fields are refused, both `lowerCamel` and `snake_case` field names are accepted
 * (proto3 JSON), and messages name the offending field the way Google's do. Query strings are
 * checked in validate-query.ts.
 * @module
 */

import type { ApiRoute, Schema } from "./openapi.js";
import { parseTimestamp } from "./timestamp.js";

export type Validation<T> = { ok: true; value: T } | { ok: false; message: string; field: string };

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** proto3 JSON accepts `snake_case` names for `lowerCamel` fields. */
export function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

function join(path: string, key: string | number): string {
  if (typeof key === "number") {
    return `${path}[${key}]`;
  }
  return path === "" ? key : `${path}.${key}`;
}

/** The type Google names in "Invalid value" messages. */
export function typeLabel(schema: Schema): string {
  if (schema.format === "google-datetime" || schema.format === "date-time") {
    return "type.googleapis.com/google.protobuf.Timestamp";
  }
  return `TYPE_${(schema.type ?? "message").toUpperCase()}`;
}

function invalid(path: string, schema: Schema, value: unknown): Validation<never> {
  return {
    ok: false,
    field: path,
    message: `Invalid value at '${path}' (${typeLabel(schema)}), ${JSON.stringify(value)}`,
  };
}

function validateObject(
  route: ApiRoute,
  schema: Schema,
  value: unknown,
  path: string,
): Validation<unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return path === ""
      ? {
          ok: false,
          field: "",
          message: "Invalid JSON payload received. Root element must be a message.",
        }
      : invalid(path, schema, value);
  }
  const props = schema.properties ?? {};
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const declared = key in props || camelCase(key) in props;
    // Map fields (additionalProperties) keep their keys as sent; message fields go camelCase.
    const name = declared ? (key in props ? key : camelCase(key)) : key;
    const extra = schema.additionalProperties;
    const childSchema = declared ? props[name] : extra === true ? {} : extra || undefined;
    if (childSchema === undefined) {
      return {
        ok: false,
        field: join(path, key),
        message: `Invalid JSON payload received. Unknown name "${key}"${path === "" ? "" : ` at '${path}'`}: Cannot find field.`,
      };
    }
    if (name in out) {
      return {
        ok: false,
        field: join(path, snakeCase(name)),
        message: `Invalid JSON payload received. Field '${snakeCase(name)}' is given twice (as "${name}" and "${snakeCase(name)}").`,
      };
    }
    if (child === null) {
      continue; // proto3 JSON: null means "default value"
    }
    const checked = validateValue(route, childSchema, child, join(path, snakeCase(name)));
    if (!checked.ok) {
      return checked;
    }
    out[name] = checked.value;
  }
  for (const required of schema.required ?? []) {
    if (!(required in out)) {
      return {
        ok: false,
        field: join(path, snakeCase(required)),
        message: `Missing required field '${join(path, snakeCase(required))}'.`,
      };
    }
  }
  return { ok: true, value: out };
}

/** Validates `value` against `schema`; the value returned has camelCase field names. */
export function validateValue(
  route: ApiRoute,
  schema: Schema,
  value: unknown,
  path = "",
): Validation<unknown> {
  if (schema.$ref !== undefined) {
    const target = route.resolve(schema.$ref);
    return target === undefined ? { ok: true, value } : validateValue(route, target, value, path);
  }
  switch (schema.type) {
    case "object":
    case undefined:
      if (schema.type === undefined && schema.properties === undefined) {
        return { ok: true, value };
      }
      return validateObject(route, schema, value, path);
    case "array": {
      if (!Array.isArray(value)) {
        return invalid(path, schema, value);
      }
      const items: unknown[] = [];
      for (const [i, item] of value.entries()) {
        const checked = validateValue(route, schema.items ?? {}, item, join(path, i));
        if (!checked.ok) {
          return checked;
        }
        items.push(checked.value);
      }
      return { ok: true, value: items };
    }
    case "string":
      return validateString(schema, value, path);
    case "boolean":
      return typeof value === "boolean" ? { ok: true, value } : invalid(path, schema, value);
    case "integer":
    case "number":
      return typeof value === "number" && (schema.type === "number" || Number.isInteger(value))
        ? { ok: true, value }
        : invalid(path, schema, value);
    default:
      return { ok: true, value };
  }
}

function validateString(schema: Schema, value: unknown, path: string): Validation<unknown> {
  if (typeof value !== "string") {
    return invalid(path, schema, value);
  }
  const isTime = schema.format === "google-datetime" || schema.format === "date-time";
  if (isTime && parseTimestamp(value) === undefined) {
    return invalid(path, schema, value);
  }
  if (schema.enum !== undefined && !schema.enum.includes(value)) {
    return invalid(path, schema, value);
  }
  if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value)) {
    return invalid(path, schema, value);
  }
  return { ok: true, value };
}
