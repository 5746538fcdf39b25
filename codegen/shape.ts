/**
 * Shape check of a parsed Discovery document: required keys present, strings are strings,
 * maps are objects, `httpMethod` is a known verb, parameter `location` is `path` or `query`.
 * Throws a CodegenError naming the JSON path of the first problem.
 *
 * @see https://developers.google.com/discovery/v1/reference/apis (Resource representations)
 */
import type { DiscoveryDocument } from "./discovery.js";
import { CodegenError, childPath } from "./errors.js";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

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

export function checkShape(value: unknown): DiscoveryDocument {
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
