/**
 * Discovery document (or facts-only snapshot) → OpenAPI 3.1 document. Pure, and generic: it
 * works for any Discovery document, not only Data Portability.
 *
 * The server is `rootUrl`; path keys are `servicePath` + `flatPath`, so media upload paths
 * (which sit beside `servicePath`) fit in the same document.
 *
 * @see https://developers.google.com/discovery/v1/reference/apis
 * @see https://spec.openapis.org/oas/v3.1.0#openapi-object
 */
import type { DiscoveryDocument } from "../discovery.js";
import { listMethods } from "../discovery.js";
import { CodegenError, childPath } from "../errors.js";
import { errorResponses, errorSchemas } from "./google-error.js";
import { toOperations } from "./operation.js";
import { globalParameters } from "./parameter.js";
import { methodPath } from "./path.js";
import { toSchema } from "./schema.js";
import { securitySchemes } from "./security.js";
import type { OpenApiDocument, PathItemObject, SchemaObject } from "./types.js";

export function toOpenApi(doc: DiscoveryDocument): OpenApiDocument {
  const globals = globalParameters(doc.parameters);
  const paths: Record<string, PathItemObject> = {};
  const owners = new Map<string, string>();
  const tags = new Set<string>();
  for (const entry of listMethods(doc)) {
    const where = methodPath(entry.method, entry.jsonPath);
    where.key = `/${doc.servicePath}${where.key.slice(1)}`;
    for (const { key, verb, operation } of toOperations(doc, entry, where, globals)) {
      const slot = `${verb.toUpperCase()} ${key}`;
      const taken = owners.get(slot);
      if (taken !== undefined) {
        throw new CodegenError(
          childPath(entry.jsonPath, "flatPath"),
          `${slot} is already used by ${taken}; two methods may not share a path and verb`,
        );
      }
      owners.set(slot, operation.operationId);
      const item = paths[key] ?? {};
      item[verb] = operation;
      paths[key] = item;
      for (const tag of operation.tags) {
        tags.add(tag);
      }
    }
  }
  const schemas: Record<string, SchemaObject> = {};
  for (const [name, schema] of Object.entries(doc.schemas ?? {})) {
    schemas[name] = toSchema(schema);
  }
  const out: OpenApiDocument = {
    openapi: "3.1.0",
    info: {
      title: doc.canonicalName ?? doc.name,
      version: doc.version,
      "x-google-api-id": doc.id,
      "x-google-revision": doc.revision ?? "",
    },
    servers: [{ url: doc.rootUrl.replace(/\/$/, "") }],
    tags: [...tags].sort().map((name) => ({ name })),
    paths: sortedPaths(paths),
    components: {
      schemas: { ...schemas, ...errorSchemas() },
      parameters: globals,
      responses: errorResponses(),
    },
  };
  const schemes = securitySchemes(doc);
  if (schemes !== undefined) {
    out.components.securitySchemes = schemes;
  }
  return out;
}

/** Sorted path keys keep the generated files stable when methods move inside the document. */
function sortedPaths(paths: Record<string, PathItemObject>): Record<string, PathItemObject> {
  const out: Record<string, PathItemObject> = {};
  for (const key of Object.keys(paths).sort()) {
    const item = paths[key];
    if (item !== undefined) {
      out[key] = item;
    }
  }
  return out;
}
