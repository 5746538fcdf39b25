/**
 * URI templates as Discovery uses them in `path` and `flatPath`: RFC 6570 level 2 expressions
 * `{name}` and `{+name}` (reserved expansion, may contain `/`).
 *
 * @see https://developers.google.com/discovery/v1/using#build-compose (compose the request URL)
 * @see https://www.rfc-editor.org/rfc/rfc6570#section-3.2.3
 */

export interface TemplateToken {
  /** Variable name without operator or explode modifier. */
  name: string;
  /** True for `{+name}`: the value may contain reserved characters such as `/`. */
  reserved: boolean;
  /** The whole expression including braces, e.g. `{+name}`. */
  raw: string;
}

const EXPRESSION = /\{([+#]?)([^{}*]+)\*?\}/g;

/** The variables of a template in order. */
export function templateTokens(template: string): TemplateToken[] {
  return [...template.matchAll(EXPRESSION)].map((m) => ({
    name: m[2] ?? "",
    reserved: m[1] !== "",
    raw: m[0],
  }));
}

/** `v1/{+name}:retry` → `/v1/{name}:retry`: an OpenAPI path template (no operators). */
export function toOpenApiPath(template: string): string {
  const path = template.replace(EXPRESSION, (_all, _op: string, name: string) => `{${name}}`);
  return path.startsWith("/") ? path : `/${path}`;
}

/**
 * The gRPC transcoding template (google.api.HttpRule) of a method: reserved variables are
 * written `{name=segments}` with the segments taken from the parameter's `pattern`
 * (`^archiveJobs/[^/]+$` → `archiveJobs/*`).
 *
 * @see https://cloud.google.com/endpoints/docs/grpc-service-config/reference/rpc/google.api#google.api.HttpRule
 */
export function grpcPath(path: string, patternOf: (name: string) => string | undefined): string {
  const out = path.replace(EXPRESSION, (_all, op: string, name: string) => {
    const pattern = patternOf(name);
    if (op === "" && pattern === undefined) {
      return `{${name}}`;
    }
    return `{${name}=${pattern === undefined ? "**" : patternToSegments(pattern)}}`;
  });
  return out.startsWith("/") ? out : `/${out}`;
}

/** `^projects/[^/]+/locations/.*$` → `projects/* /locations/**` (without the space). */
export function patternToSegments(pattern: string): string {
  return pattern
    .replace(/^\^/, "")
    .replace(/\$$/, "")
    .replaceAll("[^/]+", "*")
    .replaceAll("[^/]*", "*")
    .replaceAll(".+", "**")
    .replaceAll(".*", "**");
}

/** How many single-segment wildcards a `pattern` has (`^a/[^/]+/b/[^/]+$` → 2); undefined if open-ended. */
export function patternWildcards(pattern: string): number | undefined {
  const segments = patternToSegments(pattern).split("/");
  return segments.includes("**") ? undefined : segments.filter((s) => s === "*").length;
}
