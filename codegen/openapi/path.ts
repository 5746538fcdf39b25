/**
 * Where a Discovery method lives in OpenAPI: the path key, its path parameters and the gRPC
 * transcoding template.
 *
 * Path keys come from `flatPath` (one variable per segment: `v1/archiveJobs/{archiveJobsId}:retry`)
 * and fall back to `path` with `{+x}` written `{x}`. Keying by `path` would make methods that
 * share `v1/{+name}` collapse onto one key. Custom-method colons stay literal.
 * The `flatPath` variables that Discovery does not declare (`archiveJobsId`) are synthesized
 * and point back to the declared parameter (`name`) and its `pattern` through extensions.
 *
 * @see https://developers.google.com/discovery/v1/reference/apis (methods.path, methods.flatPath)
 * @see https://google.aip.dev/136 (custom methods)
 */
import type { DiscoveryMethod, DiscoveryParameter } from "../discovery.js";
import { CodegenError, childPath } from "../errors.js";
import { grpcPath, patternWildcards, templateTokens, toOpenApiPath } from "../template.js";
import type { ParameterObject } from "./types.js";

export interface MethodPath {
  /** OpenAPI path key, e.g. `/v1/archiveJobs/{archiveJobsId}:retry`. */
  key: string;
  /** gRPC template, e.g. `/v1/{name=archiveJobs/*}:retry`. */
  grpc: string;
  /** One parameter per variable of `key`, in order. */
  parameters: ParameterObject[];
}

export function methodPath(method: DiscoveryMethod, at: string): MethodPath {
  const declared = method.parameters ?? {};
  const pathParams = templateTokens(method.path)
    .map((t) => t.name)
    .filter((name) => declared[name]?.location === "path");
  const template = method.flatPath ?? method.path;
  const parsed = templateTokens(template);
  const tokens = parsed.map((t) => t.name);
  const reserved = new Set(parsed.filter((t) => t.reserved).map((t) => t.name));
  const owner = assignTokens(tokens, pathParams, declared, at, template);
  const parameters = tokens.map((token): ParameterObject => {
    const name = owner.get(token) ?? token;
    const param = declared[name] ?? { type: "string" };
    const out: ParameterObject = {
      name: token,
      in: "path",
      required: true,
      schema: { type: "string" },
    };
    if (name !== token) {
      out["x-google-param-name"] = name;
      if (param.pattern !== undefined) {
        out["x-google-param-pattern"] = param.pattern;
      }
    } else if (param.pattern !== undefined) {
      out.schema.pattern = param.pattern;
    }
    if (reserved.has(token)) {
      // {+name} without a flatPath: the value keeps its slashes (RFC 6570 reserved expansion),
      // which OpenAPI cannot say for path parameters.
      out["x-google-reserved-expansion"] = true;
    }
    if (param.deprecated === true) {
      out.deprecated = true;
    }
    return out;
  });
  return {
    key: toOpenApiPath(template),
    grpc: grpcPath(method.path, (name) => declared[name]?.pattern),
    parameters,
  };
}

/**
 * Maps each template variable to the declared parameter it fills. Variables named like a
 * declared parameter fill it; the others fill, in order, the declared parameters that the
 * template does not name, each taking as many variables as its `pattern` has wildcards.
 */
function assignTokens(
  tokens: readonly string[],
  pathParams: readonly string[],
  declared: Record<string, DiscoveryParameter>,
  at: string,
  template: string,
): Map<string, string> {
  const owner = new Map<string, string>();
  const direct = new Set(tokens.filter((t) => pathParams.includes(t)));
  const pending = pathParams.filter((p) => !direct.has(p));
  const spare = tokens.filter((t) => !direct.has(t));
  for (const t of direct) {
    owner.set(t, t);
  }
  for (const [index, param] of pending.entries()) {
    const pattern = declared[param]?.pattern;
    const last = index === pending.length - 1;
    const wanted = pattern === undefined || last ? spare.length : patternWildcards(pattern);
    const taken = spare.splice(0, wanted ?? spare.length);
    if (taken.length === 0) {
      throw new CodegenError(
        childPath(childPath(at, "parameters"), param),
        `path parameter has no {${param}} token in flatPath ${JSON.stringify(template)}`,
      );
    }
    for (const t of taken) {
      owner.set(t, param);
    }
  }
  if (spare.length > 0) {
    throw new CodegenError(childPath(at, "flatPath"), `token {${spare[0]}} has no path parameter`);
  }
  return owner;
}
