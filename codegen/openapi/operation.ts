/**
 * One Discovery method → one OpenAPI Operation Object (plus, for media upload, a second one on
 * the upload path).
 *
 * - operationId is the Discovery method id; tags are the resource path (`archiveJobs`);
 * - the request body is required only when the request message has fields, so a method whose
 *   request is empty (`ResetAuthorizationRequest`) can be called with no body at all;
 * - success is `200 application/json` with the response schema, or `{}` when none is declared;
 * - `default` is the typed Google error (see google-error.ts);
 * - scopes become one OAuth2 security requirement listing the alternatives (none: `[]`);
 * - `supportsMediaDownload` / `useMediaDownloadService` add an `alt=media` binary response.
 *
 * @see https://developers.google.com/discovery/v1/reference/apis (methods)
 * @see https://developers.google.com/discovery/v1/using#discovery-doc-methods
 */
import type { DiscoveryDocument, MethodEntry } from "../discovery.js";
import { referenceUrl } from "../overrides.js";
import { toOpenApiPath } from "../template.js";
import { ERROR_RESPONSE } from "./google-error.js";
import { globalParameterRefs, queryParameter } from "./parameter.js";
import type { MethodPath } from "./path.js";
import { hasFields, schemaRef } from "./schema.js";
import { OAUTH2 } from "./security.js";
import type {
  HttpVerb,
  OperationObject,
  ParameterObject,
  RequestBodyObject,
  ResponseObject,
} from "./types.js";

export interface ConvertedOperation {
  key: string;
  verb: HttpVerb;
  operation: OperationObject;
}

const BINARY = { type: "string", format: "binary" } as const;

export function toOperations(
  doc: DiscoveryDocument,
  entry: MethodEntry,
  where: MethodPath,
  globals: Record<string, ParameterObject>,
): ConvertedOperation[] {
  const { method } = entry;
  const verb = method.httpMethod.toLowerCase() as HttpVerb;
  const query = Object.entries(method.parameters ?? {})
    .filter(([, p]) => p.location === "query")
    .map(([name, p]) => queryParameter(name, p));
  const own = new Set(query.map((p) => p.name));
  const operation: OperationObject = {
    operationId: method.id,
    tags: [entry.resources.length > 0 ? entry.resources.join(".") : doc.name],
    summary: `${method.httpMethod} ${where.key}`,
    description: factsLine(doc, entry, where),
    parameters: [...where.parameters, ...query, ...globalParameterRefs(globals, own)],
    responses: { "200": successResponse(entry), default: { $ref: errorRef() } },
    "x-google-grpc-path": where.grpc,
    "x-google-discovery-path": method.path,
  };
  const body = requestBody(doc, entry);
  if (body !== undefined) {
    operation.requestBody = body;
  }
  // No scopes means no OAuth at all (an explicit empty list, not "unspecified").
  operation.security =
    method.scopes !== undefined && method.scopes.length > 0
      ? [{ [OAUTH2]: [...method.scopes] }]
      : [];
  if (method.deprecated === true) {
    operation.deprecated = true;
  }
  const out: ConvertedOperation[] = [{ key: where.key, verb, operation }];
  const upload = uploadOperation(entry, operation);
  if (upload !== undefined) {
    out.push(upload);
  }
  return out;
}

function errorRef(): string {
  return `#/components/responses/${ERROR_RESPONSE}`;
}

/** Facts only (the snapshot has no prose): the gRPC template and the reference page. */
function factsLine(doc: DiscoveryDocument, entry: MethodEntry, where: MethodPath): string {
  const lines = [`gRPC: ${where.grpc}`];
  const scopes = entry.method.scopes?.length ?? 0;
  if (scopes > 0) {
    lines.push(`OAuth scopes: any one of ${scopes}`);
  }
  const url = referenceUrl(doc.name, doc.version, entry.resources, entry.name);
  if (url !== undefined) {
    lines.push(`@see ${url}`);
  }
  return lines.join("\n");
}

function requestBody(doc: DiscoveryDocument, entry: MethodEntry): RequestBodyObject | undefined {
  const ref = entry.method.request?.$ref;
  if (ref === undefined) {
    return undefined;
  }
  return {
    required: hasFields(doc.schemas?.[ref]),
    content: { "application/json": { schema: { $ref: schemaRef(ref) } } },
  };
}

function successResponse(entry: MethodEntry): ResponseObject {
  const { method } = entry;
  const ref = method.response?.$ref;
  const response: ResponseObject = {
    description: "Successful response",
    content: {
      "application/json": {
        schema: ref === undefined ? { type: "object" } : { $ref: schemaRef(ref) },
      },
    },
  };
  if (method.supportsMediaDownload === true || method.useMediaDownloadService === true) {
    // With alt=media the same URL answers with the raw bytes instead of JSON.
    response.content = { ...response.content, "application/octet-stream": { schema: BINARY } };
    response.description = "Successful response (the media bytes with alt=media)";
  }
  return response;
}

/**
 * Simple media upload: the same method on the `/upload` path, the file as the body.
 * @see https://developers.google.com/discovery/v1/reference/apis (methods.mediaUpload)
 */
function uploadOperation(
  entry: MethodEntry,
  base: OperationObject,
): ConvertedOperation | undefined {
  const { method } = entry;
  const path = method.mediaUpload?.protocols?.simple?.path;
  if (method.supportsMediaUpload !== true || path === undefined) {
    return undefined;
  }
  // The upload path is absolute (it sits beside, not under, servicePath).
  const key = toOpenApiPath(path);
  const accept = method.mediaUpload?.accept ?? ["*/*"];
  const operation: OperationObject = {
    ...base,
    operationId: `${method.id}.upload`,
    summary: `${method.httpMethod} ${key}`,
    requestBody: {
      required: true,
      content: Object.fromEntries(accept.map((type) => [type, { schema: BINARY }])),
    },
    "x-google-media-upload": method.mediaUpload,
  };
  return { key, verb: method.httpMethod.toLowerCase() as HttpVerb, operation };
}
