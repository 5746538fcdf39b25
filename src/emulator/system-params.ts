/**
 * Google's system parameters that shape a successful response: `alt`, `fields` and
 * `prettyPrint`. The emulator serves JSON only, so `alt=proto` is refused rather than
 * answered with JSON a proto reader would choke on. `fields` supports the common subset,
 * comma-separated top-level names (`fields=state,urls`); nested paths, sub-selections and
 * wildcards are refused with a message saying so, never silently ignored.
 *
 * @see https://cloud.google.com/apis/docs/system-parameters
 * @see https://developers.google.com/workspace/drive/api/guides/fields-parameter (syntax)
 * @module
 */

import { invalidArgument } from "./google-error.js";
import type { ApiRoute, Schema } from "./openapi.js";
import { camelCase } from "./validate.js";

function responseFields(route: ApiRoute): Set<string> {
  let schema: Schema | undefined = route.responseSchema;
  if (schema?.$ref !== undefined) {
    schema = route.resolve(schema.$ref);
  }
  return new Set(Object.keys(schema?.properties ?? {}));
}

/**
 * The top-level field names `fields` selects (camelCase), undefined when there is no mask, or
 * a 400 INVALID_ARGUMENT response for `alt=proto` and masks the emulator cannot apply.
 */
export function responseMask(
  route: ApiRoute,
  query: URLSearchParams,
): Set<string> | undefined | Response {
  if (query.get("alt") === "proto") {
    return invalidArgument("alt=proto is not supported by this emulator; use alt=json.", "alt");
  }
  const raw = query.get("fields");
  if (raw === null || raw.trim() === "") {
    return undefined;
  }
  const known = responseFields(route);
  const mask = new Set<string>();
  for (const part of raw.split(",")) {
    const name = part.trim();
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) {
      return invalidArgument(
        `Invalid field selection "${name}": this emulator supports only comma-separated top-level field names in fields (no paths, sub-selections or wildcards).`,
        "fields",
      );
    }
    if (!known.has(camelCase(name))) {
      return invalidArgument(`Invalid field selection ${name}`, "fields");
    }
    mask.add(camelCase(name));
  }
  return mask;
}

/** Applies `fields` and `prettyPrint=false` to a successful JSON response. */
export async function shapeResponse(
  response: Response,
  mask: Set<string> | undefined,
  compact: boolean,
): Promise<Response> {
  const masked = mask !== undefined && response.ok;
  if (!masked && !compact) {
    return response;
  }
  let body = JSON.parse(await response.text()) as Record<string, unknown>;
  if (masked) {
    body = Object.fromEntries(Object.entries(body).filter(([key]) => mask.has(key)));
  }
  const text = compact ? JSON.stringify(body) : `${JSON.stringify(body, null, 2)}\n`;
  return new Response(text, { status: response.status, headers: response.headers });
}
