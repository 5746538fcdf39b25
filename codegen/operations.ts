/**
 * The operations table module (`generated/<name>.<version>.operations.ts`): one entry per
 * Discovery method with its verb, OpenAPI path key, gRPC template, scopes, idempotency and
 * request-body rule, plus the scope list and the `Resource` union derived from the scopes.
 * The runtime reads it for retries and job paths; the CLI for resource names.
 *
 * @see https://developers.google.com/discovery/v1/reference/apis (methods, auth.oauth2.scopes)
 */
import type { DiscoveryDocument } from "./discovery.js";
import { listMethods } from "./discovery.js";
import { hasFields } from "./openapi/schema.js";
import { documentScopes } from "./openapi/security.js";
import type { OpenApiDocument } from "./openapi/types.js";
import { isIdempotent } from "./overrides.js";

export interface OperationRow {
  id: string;
  httpMethod: string;
  pathKey: string;
  grpcPath: string;
  scopes: readonly string[];
  idempotent: boolean;
  requestBody: "none" | "optional" | "required";
}

/** Rows read back from the OpenAPI document, so both outputs agree by construction. */
export function operationRows(doc: DiscoveryDocument, openapi: OpenApiDocument): OperationRow[] {
  const byId = new Map(listMethods(doc).map((e) => [e.method.id, e.method]));
  const rows: OperationRow[] = [];
  for (const [pathKey, item] of Object.entries(openapi.paths)) {
    for (const operation of Object.values(item)) {
      const method = byId.get(operation.operationId);
      if (method === undefined) {
        continue; // media upload twins share the method's facts; the table lists methods
      }
      const request = method.request?.$ref;
      rows.push({
        id: method.id,
        httpMethod: method.httpMethod,
        pathKey,
        grpcPath: String(operation["x-google-grpc-path"]),
        scopes: [...(method.scopes ?? [])].sort(),
        idempotent: isIdempotent(doc.name, method.id, method.httpMethod),
        requestBody:
          request === undefined
            ? "none"
            : hasFields(doc.schemas?.[request])
              ? "required"
              : "optional",
      });
    }
  }
  return rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function operationsModule(
  doc: DiscoveryDocument,
  openapi: OpenApiDocument,
  header: string,
): string {
  const scopes = documentScopes(doc);
  const prefix = `https://www.googleapis.com/auth/${doc.name}.`;
  const resources = scopes.filter((s) => s.startsWith(prefix)).map((s) => s.slice(prefix.length));
  const all = JSON.stringify(scopes);
  const q = (value: string): string => JSON.stringify(value);
  const entries = operationRows(doc, openapi).map((row) => {
    const rowScopes = JSON.stringify(row.scopes) === all ? "SCOPES" : list(row.scopes, "      ");
    return [
      `  ${q(row.id)}: {`,
      `    id: ${q(row.id)},`,
      `    httpMethod: ${q(row.httpMethod)},`,
      `    pathKey: ${q(row.pathKey)},`,
      `    grpcPath: ${q(row.grpcPath)},`,
      `    scopes: ${rowScopes},`,
      `    idempotent: ${row.idempotent},`,
      `    requestBody: ${q(row.requestBody)},`,
      "  },",
    ].join("\n");
  });
  return `${header}
/** Discovery id of the API these operations belong to. */
export const API_ID = ${q(doc.id)};
/** Discovery revision the table was generated from. */
export const REVISION = ${q(doc.revision ?? "")};
export const VERSION = ${q(doc.version)};

export interface OperationInfo {
  /** Discovery method id, also the OpenAPI operationId. */
  id: string;
  httpMethod: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** openapi-fetch path key, e.g. "/v1/archiveJobs/{archiveJobsId}:retry". */
  pathKey: string;
  /** gRPC transcoding template, e.g. "/v1/{name=archiveJobs/*}:retry". */
  grpcPath: string;
  /** OAuth scopes, any one of which authorizes the call. */
  scopes: readonly string[];
  /** Safe to send again after a failure that may have reached the server. */
  idempotent: boolean;
  /** "optional": the request message has no fields, so no body is sent. */
  requestBody: "none" | "optional" | "required";
}

/** Every OAuth scope the API declares, sorted. */
export const SCOPES = ${list(scopes, "  ")} as const;

/** Prefix of the per-resource scopes: the scope is SCOPE_PREFIX + resource name. */
export const SCOPE_PREFIX = ${q(prefix)};

/** Resource names (the scopes without SCOPE_PREFIX), e.g. "myactivity.youtube". */
export const RESOURCES = ${list(resources, "  ")} as const;

export type Resource = (typeof RESOURCES)[number];

/** Operations keyed by Discovery method id. */
export const OPERATIONS = {
${entries.join("\n")}
} as const satisfies { readonly [id: string]: OperationInfo };

/** The OAuth scope that grants access to one resource. */
export function scopeFor(resource: Resource): string {
  return SCOPE_PREFIX + resource;
}

const RESOURCE_SET: ReadonlySet<string> = new Set(RESOURCES);

export function isResource(value: string): value is Resource {
  return RESOURCE_SET.has(value);
}
`;
}

function list(values: readonly string[], indent: string): string {
  if (values.length === 0) {
    return "[]";
  }
  const outer = indent.slice(2);
  return `[\n${values.map((v) => `${indent}${JSON.stringify(v)},`).join("\n")}\n${outer}]`;
}
