/**
 * Finds the generated operation a request belongs to (HTTP method + path), which is how the
 * retry policy learns whether a POST is idempotent and whether it may send a body.
 * @module
 */

import {
  type OperationInfo,
  OPERATIONS as V1,
} from "../../generated/dataportability.v1.operations.js";
import { OPERATIONS as V1BETA } from "../../generated/dataportability.v1beta.operations.js";

export type { OperationInfo };

interface Route {
  method: string;
  pattern: RegExp;
  info: OperationInfo;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** `/v1/archiveJobs/{archiveJobsId}:retry` → a pattern for the end of a pathname. */
function routeOf(info: OperationInfo): Route {
  const literal = info.pathKey.split(/\{[^{}]+\}/).map(escapeRegExp);
  // Anchored at the end only: a base URL may put a prefix (a proxy path) before `/v1`.
  return { method: info.httpMethod, pattern: new RegExp(`${literal.join("[^/]+")}$`), info };
}

const ROUTES: readonly Route[] = [...Object.values(V1), ...Object.values(V1BETA)].map(routeOf);

/** The operation for `method` + `pathname` (percent-encoded, as in `new URL(url).pathname`). */
export function findOperation(method: string, pathname: string): OperationInfo | undefined {
  const verb = method.toUpperCase();
  return ROUTES.find((route) => route.method === verb && route.pattern.test(pathname))?.info;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

/**
 * Whether repeating the request cannot change the outcome: the codegen flag when the path is
 * known, HTTP semantics otherwise (an unknown POST is treated as unsafe).
 */
export function isIdempotent(method: string, operation: OperationInfo | undefined): boolean {
  return operation ? operation.idempotent : SAFE_METHODS.has(method.toUpperCase());
}
