/**
 * Checks across a Discovery document that a shape check cannot see: every `$ref` names a
 * schema in `schemas`, every path parameter has a token in the method's `path` template (and
 * every token a parameter), and method ids are unique (they become OpenAPI operation ids).
 *
 * @see https://developers.google.com/discovery/v1/reference/apis (schemas, methods.id, methods.path)
 */
import type { DiscoveryDocument, DiscoverySchema } from "./discovery.js";
import { listMethods } from "./discovery.js";
import { CodegenError, childPath } from "./errors.js";
import { templateTokens } from "./template.js";

export function checkSemantics(doc: DiscoveryDocument): void {
  const schemas = doc.schemas ?? {};
  const known = (ref: string, at: string): void => {
    if (!Object.hasOwn(schemas, ref)) {
      throw new CodegenError(at, `$ref to missing schema ${JSON.stringify(ref)}`);
    }
  };
  for (const [name, schema] of Object.entries(schemas)) {
    walkRefs(schema, childPath("schemas", name), known);
  }
  for (const [name, param] of Object.entries(doc.parameters ?? {})) {
    walkRefs(param, childPath("parameters", name), known);
  }
  const ids = new Map<string, string>();
  for (const { method, jsonPath } of listMethods(doc)) {
    const seen = ids.get(method.id);
    if (seen !== undefined) {
      throw new CodegenError(
        childPath(jsonPath, "id"),
        `duplicate operation id ${JSON.stringify(method.id)} (also at ${seen})`,
      );
    }
    ids.set(method.id, childPath(jsonPath, "id"));
    for (const key of ["request", "response"] as const) {
      const ref = method[key]?.$ref;
      if (ref !== undefined) {
        known(ref, childPath(childPath(jsonPath, key), "$ref"));
      }
    }
    const tokens = new Set(templateTokens(method.path).map((t) => t.name));
    const params = method.parameters ?? {};
    for (const [name, param] of Object.entries(params)) {
      const at = childPath(childPath(jsonPath, "parameters"), name);
      walkRefs(param, at, known);
      if (param.location === "path" && !tokens.has(name)) {
        throw new CodegenError(
          at,
          `path parameter has no {${name}} token in path ${JSON.stringify(method.path)}`,
        );
      }
    }
    for (const token of tokens) {
      if (params[token]?.location !== "path") {
        throw new CodegenError(
          childPath(jsonPath, "path"),
          `token {${token}} has no path parameter of that name`,
        );
      }
    }
  }
}

function walkRefs(
  schema: DiscoverySchema,
  at: string,
  known: (ref: string, at: string) => void,
): void {
  if (schema.$ref !== undefined) {
    known(schema.$ref, childPath(at, "$ref"));
  }
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    walkRefs(prop, childPath(childPath(at, "properties"), name), known);
  }
  if (schema.items !== undefined) {
    walkRefs(schema.items, childPath(at, "items"), known);
  }
  if (schema.additionalProperties !== undefined) {
    walkRefs(schema.additionalProperties, childPath(at, "additionalProperties"), known);
  }
}
