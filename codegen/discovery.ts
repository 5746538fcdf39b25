/**
 * Our own types for the Google API Discovery format (the ones in googleapis-common lack
 * `flatPath`, `repeated`, `enum` on items and more) and a loader that checks the shape of a
 * document, reporting the first problem with its JSON path.
 *
 * @see https://developers.google.com/discovery/v1/reference/apis (Resource representations)
 */
import { CodegenError, childPath } from "./errors.js";
import { checkSemantics } from "./validate.js";

/** Discovery `JsonSchema` (the `schemas` map, properties, items, method parameters). */
export interface DiscoverySchema {
  id?: string;
  type?: string;
  $ref?: string;
  format?: string;
  description?: string;
  default?: string;
  required?: boolean;
  pattern?: string;
  minimum?: string;
  maximum?: string;
  enum?: string[];
  enumDescriptions?: string[];
  enumDeprecated?: boolean[];
  repeated?: boolean;
  location?: string;
  readOnly?: boolean;
  deprecated?: boolean;
  properties?: Record<string, DiscoverySchema>;
  additionalProperties?: DiscoverySchema;
  items?: DiscoverySchema;
  annotations?: { required?: string[] };
}

/** A method or global parameter: a schema plus `location` (`path` or `query`). */
export type DiscoveryParameter = DiscoverySchema;

/** Discovery `resources.(resource).methods.(method)`. */
export interface DiscoveryMethod {
  id: string;
  path: string;
  flatPath?: string;
  httpMethod: HttpMethod;
  description?: string;
  parameters?: Record<string, DiscoveryParameter>;
  parameterOrder?: string[];
  request?: { $ref: string; parameterName?: string };
  response?: { $ref: string };
  scopes?: string[];
  deprecated?: boolean;
  supportsMediaDownload?: boolean;
  useMediaDownloadService?: boolean;
  supportsMediaUpload?: boolean;
  supportsSubscription?: boolean;
  mediaUpload?: {
    accept?: string[];
    maxSize?: string;
    protocols?: Record<string, { multipart?: boolean; path?: string }>;
  };
}

/** Discovery `resources.(resource)`: methods and nested resources. */
export interface DiscoveryResource {
  methods?: Record<string, DiscoveryMethod>;
  resources?: Record<string, DiscoveryResource>;
  deprecated?: boolean;
}

/** Discovery `restDescription`. Prose keys are listed so the snapshot can drop them. */
export interface DiscoveryDocument extends DiscoveryResource {
  kind?: string;
  discoveryVersion?: string;
  id: string;
  name: string;
  version: string;
  revision?: string;
  rootUrl: string;
  servicePath: string;
  mtlsRootUrl?: string;
  baseUrl?: string;
  basePath?: string;
  batchPath?: string;
  protocol?: string;
  canonicalName?: string;
  fullyEncodeReservedExpansion?: boolean;
  parameters?: Record<string, DiscoveryParameter>;
  auth?: { oauth2?: { scopes?: Record<string, { description?: string }> } };
  schemas?: Record<string, DiscoverySchema>;
  title?: string;
  description?: string;
  documentationLink?: string;
  icons?: Record<string, string>;
}

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** One method with where it sits: `resource` is the dotted resource path (`archiveJobs`). */
export interface MethodEntry {
  /** Resource names from the root, e.g. `["userinfo", "v2", "me"]`; empty for top-level methods. */
  resources: readonly string[];
  name: string;
  method: DiscoveryMethod;
  /** JSON path of the method in the document. */
  jsonPath: string;
}

/** Lists every method, top-level and nested, in document order. */
export function listMethods(
  doc: DiscoveryResource,
  resources: string[] = [],
  at = "",
): MethodEntry[] {
  const out: MethodEntry[] = [];
  for (const [name, method] of Object.entries(doc.methods ?? {})) {
    out.push({ resources, name, method, jsonPath: childPath(childPath(at, "methods"), name) });
  }
  for (const [name, child] of Object.entries(doc.resources ?? {})) {
    out.push(
      ...listMethods(child, [...resources, name], childPath(childPath(at, "resources"), name)),
    );
  }
  return out;
}

/** Parses and checks a Discovery document (or a facts-only snapshot, which is a subset). */
export function parseDiscovery(text: string): DiscoveryDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CodegenError("", `invalid JSON (${reason})`);
  }
  const doc = checkDocument(value);
  checkSemantics(doc);
  return doc;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function object(value: unknown, at: string): Json {
  if (value === undefined) {
    throw new CodegenError(at, "missing");
  }
  if (!isObject(value)) {
    throw new CodegenError(at, "must be an object");
  }
  return value;
}

function string(node: Json, key: string, at: string, optional = false): void {
  const value = node[key];
  if (value === undefined && optional) {
    return;
  }
  if (value === undefined) {
    throw new CodegenError(childPath(at, key), "missing");
  }
  if (typeof value !== "string") {
    throw new CodegenError(childPath(at, key), "must be a string");
  }
}

function each(node: Json, key: string, at: string, check: (v: unknown, at: string) => void): void {
  if (node[key] === undefined) {
    return;
  }
  const map = object(node[key], childPath(at, key));
  for (const [name, value] of Object.entries(map)) {
    check(value, childPath(childPath(at, key), name));
  }
}

function checkDocument(value: unknown): DiscoveryDocument {
  const doc = object(value, "");
  for (const key of ["name", "version", "rootUrl", "servicePath"]) {
    string(doc, key, "");
  }
  string(doc, "id", "", true);
  if (doc.id === undefined) {
    doc.id = `${String(doc.name)}:${String(doc.version)}`;
  }
  if (doc.revision !== undefined && typeof doc.revision !== "string") {
    throw new CodegenError("revision", "must be a string");
  }
  each(doc, "parameters", "", checkSchema);
  each(doc, "schemas", "", checkSchema);
  checkResource(doc, "");
  if (doc.auth !== undefined) {
    const oauth2 = object(doc.auth, "auth").oauth2;
    if (oauth2 !== undefined) {
      each(object(oauth2, "auth.oauth2"), "scopes", "auth.oauth2", object);
    }
  }
  return doc as unknown as DiscoveryDocument;
}

function checkResource(node: Json, at: string): void {
  each(node, "methods", at, checkMethod);
  each(node, "resources", at, (child, childAt) => checkResource(object(child, childAt), childAt));
}

function checkMethod(value: unknown, at: string): void {
  const method = object(value, at);
  for (const key of ["id", "path", "httpMethod"]) {
    string(method, key, at);
  }
  string(method, "flatPath", at, true);
  if (!(HTTP_METHODS as readonly unknown[]).includes(method.httpMethod)) {
    throw new CodegenError(
      childPath(at, "httpMethod"),
      `unknown httpMethod ${JSON.stringify(method.httpMethod)} (expected ${HTTP_METHODS.join(", ")})`,
    );
  }
  each(method, "parameters", at, (param, paramAt) => {
    checkSchema(param, paramAt);
    const location = (param as Json).location;
    if (location !== "path" && location !== "query") {
      throw new CodegenError(childPath(paramAt, "location"), "must be path or query");
    }
  });
  for (const key of ["request", "response"]) {
    if (method[key] !== undefined) {
      string(object(method[key], childPath(at, key)), "$ref", childPath(at, key));
    }
  }
  if (method.scopes !== undefined && !Array.isArray(method.scopes)) {
    throw new CodegenError(childPath(at, "scopes"), "must be an array");
  }
}

function checkSchema(value: unknown, at: string): void {
  const schema = object(value, at);
  string(schema, "type", at, true);
  string(schema, "$ref", at, true);
  each(schema, "properties", at, checkSchema);
  for (const key of ["items", "additionalProperties"]) {
    if (schema[key] !== undefined) {
      checkSchema(schema[key], childPath(at, key));
    }
  }
  if (schema.enum !== undefined && !Array.isArray(schema.enum)) {
    throw new CodegenError(childPath(at, "enum"), "must be an array");
  }
}
