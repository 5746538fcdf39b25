/**
 * The emulator's route table, read from the generated OpenAPI 3.1 documents: one route per
 * operation, with a matcher for its path template (custom-method colons literal) and what the
 * validator needs (path, query and body schemas).
 * @module
 */

/** The parts of an OpenAPI 3.1 Schema Object the validator understands. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  required?: string[];
  readOnly?: boolean;
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Schema;
  "x-google-param-name"?: string;
  "x-google-param-pattern"?: string;
}

interface Operation {
  operationId: string;
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
  "x-google-grpc-path"?: string;
}

/** The slice of an OpenAPI document the emulator reads. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation | unknown>>;
  components?: { schemas?: Record<string, Schema>; parameters?: Record<string, Parameter> };
}

export interface PathParam {
  /** Template variable, e.g. `archiveJobsId`. */
  name: string;
  /** The Discovery parameter it fills (`name`) and that parameter's pattern, when synthesized. */
  resourceParam?: string;
  resourcePattern?: RegExp;
  pattern?: RegExp;
}

export interface ApiRoute {
  operationId: string;
  /** Upper-case HTTP verb. */
  method: string;
  pathKey: string;
  /** gRPC template, e.g. `/v1/{name=archiveJobs/*}:retry`. */
  grpcPath: string;
  pathParams: PathParam[];
  queryParams: Map<string, Schema>;
  bodySchema: Schema | undefined;
  bodyRequired: boolean;
  /** The 200 response's schema, for `fields` masks. */
  responseSchema: Schema | undefined;
  /** Resolves `#/components/schemas/X` references of this document. */
  resolve(ref: string): Schema | undefined;
  matcher: RegExp;
}

const VERBS = ["get", "post", "put", "patch", "delete"];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function isOperation(value: unknown): value is Operation {
  return typeof value === "object" && value !== null && "operationId" in value;
}

/** Builds the route table of one document. */
export function indexDocument(doc: OpenApiDocument): ApiRoute[] {
  const schemas = doc.components?.schemas ?? {};
  const sharedParams = doc.components?.parameters ?? {};
  const resolve = (ref: string) => schemas[ref.replace("#/components/schemas/", "")];
  const routes: ApiRoute[] = [];
  for (const [pathKey, item] of Object.entries(doc.paths)) {
    for (const verb of VERBS) {
      const op = item[verb];
      if (!isOperation(op)) {
        continue;
      }
      const params = (op.parameters ?? []).flatMap((p): Parameter[] => {
        if ("$ref" in p) {
          const shared = sharedParams[p.$ref.replace("#/components/parameters/", "")];
          return shared === undefined ? [] : [shared];
        }
        return [p];
      });
      const pathParams = params
        .filter((p) => p.in === "path")
        .map((p): PathParam => {
          const out: PathParam = { name: p.name };
          if (p["x-google-param-name"] !== undefined) {
            out.resourceParam = p["x-google-param-name"];
          }
          if (p["x-google-param-pattern"] !== undefined) {
            out.resourcePattern = new RegExp(p["x-google-param-pattern"]);
          }
          if (p.schema?.pattern !== undefined) {
            out.pattern = new RegExp(p.schema.pattern);
          }
          return out;
        });
      const queryParams = new Map(
        params.filter((p) => p.in === "query").map((p) => [p.name, p.schema ?? {}] as const),
      );
      const source = pathKey
        .split(/(\{[^{}]+\})/)
        .map((part) => (part.startsWith("{") ? "([^/]+)" : escapeRegExp(part)))
        .join("");
      routes.push({
        operationId: op.operationId,
        method: verb.toUpperCase(),
        pathKey,
        grpcPath: op["x-google-grpc-path"] ?? pathKey,
        pathParams,
        queryParams,
        bodySchema: op.requestBody?.content?.["application/json"]?.schema,
        bodyRequired: op.requestBody?.required === true,
        responseSchema: op.responses?.["200"]?.content?.["application/json"]?.schema,
        resolve,
        matcher: new RegExp(`^${source}$`),
      });
    }
  }
  return routes;
}

export interface RouteMatch {
  route: ApiRoute;
  /** Decoded path parameter values by template variable name. */
  params: Record<string, string>;
}

/** Routes whose template matches `pathname`, whatever their verb. */
export function matchPath(routes: readonly ApiRoute[], pathname: string): RouteMatch[] {
  const out: RouteMatch[] = [];
  for (const route of routes) {
    const m = route.matcher.exec(pathname);
    if (m === null) {
      continue;
    }
    const params: Record<string, string> = {};
    let ok = true;
    route.pathParams.forEach((p, i) => {
      try {
        params[p.name] = decodeURIComponent(m[i + 1] ?? "");
      } catch {
        ok = false;
      }
    });
    if (ok) {
      out.push({ route, params });
    }
  }
  return out;
}

/**
 * The value of the Discovery resource parameter (`name`) rebuilt from the gRPC template, e.g.
 * `archiveJobs/123` for `/v1/{name=archiveJobs/*}:retry` and `archiveJobsId = 123`.
 */
export function resourceName(route: ApiRoute, params: Record<string, string>): string | undefined {
  const m = /\{[^=}]+=([^}]+)\}/.exec(route.grpcPath);
  if (m === null || m[1] === undefined) {
    return undefined;
  }
  const values = route.pathParams.map((p) => params[p.name] ?? "");
  let i = 0;
  return m[1].replace(/\*\*?/g, () => values[i++] ?? "");
}
