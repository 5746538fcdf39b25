/**
 * Discovery query parameters → OpenAPI Parameter Objects, and the API-wide (global)
 * parameters (`alt`, `fields`, `quotaUser`, `prettyPrint`, `$.xgafv`, `uploadType`, ...)
 * declared once in `components.parameters` and referenced from every operation.
 * `repeated` parameters become arrays sent as `a=1&a=2` (form, explode), as Google expects.
 *
 * @see https://developers.google.com/discovery/v1/reference/apis (parameters, methods.parameters)
 * @see https://cloud.google.com/apis/docs/system-parameters
 */
import type { DiscoveryParameter } from "../discovery.js";
import { toSchema } from "./schema.js";
import type { ParameterObject, ReferenceObject } from "./types.js";

/**
 * Global parameters the runtime owns: credentials travel in the Authorization header, and
 * JSONP has no place in a fetch client.
 */
export const RUNTIME_OWNED = new Set(["access_token", "key", "oauth_token", "callback"]);

export function queryParameter(name: string, param: DiscoveryParameter): ParameterObject {
  const { repeated, required, deprecated, ...rest } = param;
  const schema = toSchema(rest);
  const out: ParameterObject = { name, in: "query", schema };
  if (required === true) {
    out.required = true;
  }
  if (deprecated === true) {
    out.deprecated = true;
  }
  if (repeated === true) {
    out.schema = { type: "array", items: schema };
    out.style = "form";
    out.explode = true;
  }
  return out;
}

/** Component key of a global parameter: `$.xgafv` → `global._.xgafv` (a valid component name). */
export function globalParameterKey(name: string): string {
  return `global.${name.replace(/[^A-Za-z0-9._-]/g, "_")}`;
}

export function globalParameters(
  params: Record<string, DiscoveryParameter> | undefined,
): Record<string, ParameterObject> {
  const out: Record<string, ParameterObject> = {};
  for (const [name, param] of Object.entries(params ?? {})) {
    if (!RUNTIME_OWNED.has(name) && param.location !== "path") {
      out[globalParameterKey(name)] = queryParameter(name, { ...param, required: false });
    }
  }
  return out;
}

/** References to the global parameters an operation does not declare itself. */
export function globalParameterRefs(
  globals: Record<string, ParameterObject>,
  own: ReadonlySet<string>,
): ReferenceObject[] {
  return Object.entries(globals)
    .filter(([, p]) => !own.has(p.name))
    .map(([key]) => ({ $ref: `#/components/parameters/${key}` }));
}
