/**
 * Discovery document → facts-only snapshot. Keeps what the converter and the drift report
 * need (ids, paths, verbs, parameters, schemas, formats, enums, scopes, URLs, revision) and
 * drops Google's prose (`description`, `enumDescriptions`, `title`, `icons`,
 * `documentationLink`, scope descriptions). Keys are sorted at every level so that a new
 * revision changes only the lines that really changed. The snapshot is still a Discovery
 * document, so it loads through the same parser.
 *
 * @see https://developers.google.com/discovery/v1/reference/apis (Resource representations)
 */
import type {
  DiscoveryDocument,
  DiscoveryMethod,
  DiscoveryResource,
  DiscoverySchema,
} from "./discovery.js";
import { formatJson } from "./json-format.js";

const DOCUMENT_KEYS = [
  "kind",
  "discoveryVersion",
  "id",
  "name",
  "version",
  "revision",
  "canonicalName",
  "protocol",
  "rootUrl",
  "mtlsRootUrl",
  "servicePath",
  "basePath",
  "baseUrl",
  "batchPath",
  "fullyEncodeReservedExpansion",
] as const;

const SCHEMA_KEYS = [
  "id",
  "type",
  "$ref",
  "format",
  "default",
  "required",
  "pattern",
  "minimum",
  "maximum",
  "enum",
  "enumDeprecated",
  "repeated",
  "location",
  "readOnly",
  "deprecated",
] as const;

const METHOD_KEYS = [
  "id",
  "path",
  "flatPath",
  "httpMethod",
  "parameterOrder",
  "deprecated",
  "supportsMediaDownload",
  "useMediaDownloadService",
  "supportsMediaUpload",
  "supportsSubscription",
] as const;

type Json = Record<string, unknown>;

/** The facts-only snapshot of a document, with sorted keys. */
export function toSnapshot(doc: DiscoveryDocument): Json {
  const out: Json = pick(doc, DOCUMENT_KEYS);
  if (doc.parameters !== undefined) {
    out.parameters = mapValues(doc.parameters, schemaFacts);
  }
  const scopes = doc.auth?.oauth2?.scopes;
  if (scopes !== undefined) {
    // Scope descriptions are prose: keep the scope URLs only.
    out.auth = { oauth2: { scopes: mapValues(scopes, () => ({})) } };
  }
  if (doc.schemas !== undefined) {
    out.schemas = mapValues(doc.schemas, schemaFacts);
  }
  Object.assign(out, resourceFacts(doc));
  return sortKeys(out) as Json;
}

/** The snapshot as committed: two-space JSON with a final newline. */
export function snapshotText(doc: DiscoveryDocument): string {
  return formatJson(toSnapshot(doc));
}

function resourceFacts(resource: DiscoveryResource): Json {
  const out: Json = {};
  if (resource.deprecated !== undefined) {
    out.deprecated = resource.deprecated;
  }
  if (resource.methods !== undefined) {
    out.methods = mapValues(resource.methods, methodFacts);
  }
  if (resource.resources !== undefined) {
    out.resources = mapValues(resource.resources, resourceFacts);
  }
  return out;
}

function methodFacts(method: DiscoveryMethod): Json {
  const out = pick(method, METHOD_KEYS);
  if (method.parameters !== undefined) {
    out.parameters = mapValues(method.parameters, schemaFacts);
  }
  if (method.request !== undefined) {
    out.request = pick(method.request, ["$ref", "parameterName"]);
  }
  if (method.response !== undefined) {
    out.response = { $ref: method.response.$ref };
  }
  if (method.scopes !== undefined) {
    // Scopes are alternatives (any one suffices): a set, so sort it.
    out.scopes = [...method.scopes].sort();
  }
  if (method.mediaUpload !== undefined) {
    out.mediaUpload = method.mediaUpload;
  }
  return out;
}

function schemaFacts(schema: DiscoverySchema): Json {
  const out = pick(schema, SCHEMA_KEYS);
  if (schema.properties !== undefined) {
    out.properties = mapValues(schema.properties, schemaFacts);
  }
  if (schema.items !== undefined) {
    out.items = schemaFacts(schema.items);
  }
  if (schema.additionalProperties !== undefined) {
    out.additionalProperties = schemaFacts(schema.additionalProperties);
  }
  if (schema.annotations?.required !== undefined) {
    out.annotations = { required: schema.annotations.required };
  }
  return out;
}

function pick<T extends object>(source: T, keys: readonly string[]): Json {
  const out: Json = {};
  for (const key of keys) {
    const value = (source as Json)[key];
    if (value !== undefined) {
      out[key] = value;
    }
  }
  return out;
}

function mapValues<T>(map: Record<string, T>, fn: (value: T) => unknown): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(map)) {
    out[key] = fn(value);
  }
  return out;
}

/** Deep copy with object keys in code-point order; arrays keep their order. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (typeof value === "object" && value !== null) {
    const out: Json = {};
    for (const key of Object.keys(value).sort()) {
      out[key] = sortKeys((value as Json)[key]);
    }
    return out;
  }
  return value;
}
