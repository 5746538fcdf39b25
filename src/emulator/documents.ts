/**
 * The generated API descriptions the emulator serves: the v1 and v1beta OpenAPI documents
 * (routes and schemas) and the resource names behind the OAuth scopes.
 * @module
 */

import v1Document from "../../generated/dataportability.v1.openapi.json" with { type: "json" };
import * as v1 from "../../generated/dataportability.v1.operations.js";
import v1betaDocument from "../../generated/dataportability.v1beta.openapi.json" with {
  type: "json",
};
import * as v1beta from "../../generated/dataportability.v1beta.operations.js";
import { type ApiRoute, indexDocument, type OpenApiDocument } from "./openapi.js";

/** Routes of every served version. */
export const API_ROUTES: readonly ApiRoute[] = [
  ...indexDocument(v1Document as unknown as OpenApiDocument),
  ...indexDocument(v1betaDocument as unknown as OpenApiDocument),
];

export const SCOPE_PREFIX: string = v1.SCOPE_PREFIX;

const RESOURCE_NAMES: ReadonlySet<string> = new Set<string>([...v1.RESOURCES, ...v1beta.RESOURCES]);

/** True for a resource group name either version knows (`myactivity.youtube`). */
export function isKnownResource(name: string): boolean {
  return RESOURCE_NAMES.has(name);
}
