/**
 * Our own types for the Google API Discovery format (the ones in googleapis-common lack
 * `flatPath`, `repeated`, `enum` on items and more) and the loader: JSON, then the shape
 * check (shape.ts), then the cross-reference check (validate.ts). The first problem is
 * reported with its JSON path.
 *
 * @see https://developers.google.com/discovery/v1/reference/apis (Resource representations)
 */
import { CodegenError, childPath } from "./errors.js";
import type { HTTP_METHODS } from "./shape.js";
import { checkShape } from "./shape.js";
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
  const doc = checkShape(value);
  checkSemantics(doc);
  return doc;
}
