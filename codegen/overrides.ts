/**
 * Facts a Discovery document does not carry, per API `name`: which POST custom methods are
 * safe to repeat (the retry policy reads this), and where the method reference pages live
 * (for `@see` links, since the snapshot drops `documentationLink`).
 */
export interface ApiOverrides {
  /** Method ids without the API prefix (`authorization.reset`) whose POST is idempotent. */
  idempotentPost: readonly string[];
  /** Base of the REST reference, completed with `/<version>/<resource path>/<method>`. */
  referenceBase?: string;
}

const OVERRIDES: Record<string, ApiOverrides> = {
  dataportability: {
    // reset and cancel converge on the same end state; check only reads. initiate creates a
    // job and retry starts a new one, so repeating them is not safe.
    idempotentPost: ["authorization.reset", "archiveJobs.cancel", "accessType.check"],
    referenceBase: "https://developers.google.com/data-portability/reference/rest",
  },
};

export function overridesFor(apiName: string): ApiOverrides {
  return OVERRIDES[apiName] ?? { idempotentPost: [] };
}

/** GET, PUT and DELETE are idempotent by HTTP semantics; POST and PATCH only when listed. */
export function isIdempotent(apiName: string, methodId: string, httpMethod: string): boolean {
  if (httpMethod === "GET" || httpMethod === "PUT" || httpMethod === "DELETE") {
    return true;
  }
  const short = methodId.startsWith(`${apiName}.`) ? methodId.slice(apiName.length + 1) : methodId;
  return overridesFor(apiName).idempotentPost.includes(short);
}

/** The method's reference page, e.g. `.../rest/v1/archiveJobs/retry`, when known. */
export function referenceUrl(
  apiName: string,
  version: string,
  resources: readonly string[],
  method: string,
): string | undefined {
  const base = overridesFor(apiName).referenceBase;
  return base === undefined ? undefined : [base, version, ...resources, method].join("/");
}
