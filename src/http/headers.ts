/**
 * Headers sent with every request: `x-goog-api-client` (how Google attributes client
 * libraries), a User-Agent naming this package, and the quota project when one is set.
 * @module
 */

export const PACKAGE_NAME = "dataportability-client";
/** Kept equal to package.json's version by a test. */
export const PACKAGE_VERSION = "0.1.0";

export interface HeaderOptions {
  userAgent: string | undefined;
  quotaProject: string | undefined;
}

/** The fixed headers of one client. */
export function clientHeaders(options: HeaderOptions): Record<string, string> {
  const node = process.versions.node;
  const product = `${PACKAGE_NAME}/${PACKAGE_VERSION}`;
  const headers: Record<string, string> = {
    "x-goog-api-client": `gl-node/${node} ${product}`,
    "user-agent": `${options.userAgent ? `${options.userAgent} ` : ""}${product} node/${node}`,
  };
  if (options.quotaProject) {
    headers["x-goog-user-project"] = options.quotaProject;
  }
  return headers;
}
