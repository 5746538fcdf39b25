/**
 * Query-string validation: undeclared parameters and values of the wrong type are refused
 * with the messages Google's query binder gives.
 * @module
 */

import type { ApiRoute } from "./openapi.js";
import { typeLabel, type Validation } from "./validate.js";

/** Query parameters Google accepts on every call without declaring them in the document. */
const ALWAYS_ALLOWED = new Set(["access_token", "key", "oauth_token", "callback"]);

/** Checks the query string: unknown parameters and values of the wrong type are refused. */
export function validateQuery(route: ApiRoute, query: URLSearchParams): Validation<null> {
  for (const [name, raw] of query) {
    if (ALWAYS_ALLOWED.has(name)) {
      continue;
    }
    const schema = route.queryParams.get(name);
    if (schema === undefined) {
      return {
        ok: false,
        field: name,
        message: `Invalid JSON payload received. Unknown name "${name}": Cannot bind query parameter. Field '${name}' could not be found in request message.`,
      };
    }
    const item = schema.type === "array" ? (schema.items ?? {}) : schema;
    const typed =
      item.type === "boolean"
        ? raw === "true" || raw === "false"
        : item.type === "integer"
          ? /^-?\d+$/.test(raw)
          : item.type === "number"
            ? raw.trim() !== "" && Number.isFinite(Number(raw))
            : item.enum === undefined || item.enum.includes(raw);
    if (!typed) {
      return {
        ok: false,
        field: name,
        message: `Invalid value at '${name}' (${typeLabel(item)}), "${raw}"`,
      };
    }
  }
  return { ok: true, value: null };
}
