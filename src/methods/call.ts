/**
 * Shared plumbing of the method helpers: version-aware paths, and turning openapi-fetch's
 * `{ data, error, response }` into data or a thrown `DataPortabilityError`.
 * @module
 */

import { clientVersion, type DataPortabilityClient } from "../client.js";
import { DataPortabilityError, isDataPortabilityError } from "../errors.js";
import { wasRefreshed } from "../http/refreshed.js";
import { apiError } from "./api-error.js";

/** A client of either API version; the helpers use the version it was created with. */
export type AnyDataPortabilityClient =
  | DataPortabilityClient<"v1">
  | DataPortabilityClient<"v1beta">;

/** Options every helper accepts as its last argument. */
export interface CallOptions {
  /** Aborts the request, including any retry wait. */
  signal?: AbortSignal | undefined;
}

/**
 * The client typed as v1, plus `path` to rewrite a v1 path key for the client's version.
 * Both versions have the same operations and schemas; only the prefix differs.
 */
export function versioned(client: AnyDataPortabilityClient): {
  api: DataPortabilityClient<"v1">;
  path: <P extends `/v1/${string}`>(key: P) => P;
} {
  const version = clientVersion(client);
  return {
    api: client as DataPortabilityClient<"v1">,
    path: (key) => (version === "v1" ? key : key.replace(/^\/v1\//, `/${version}/`)) as typeof key,
  };
}

/**
 * Request options for openapi-fetch from the helper's options. The caller's signal is wrapped
 * per call: every Request made from a signal adds an abort listener to it that goes only when
 * the Request is collected, so a long-lived signal used for thousands of calls (a poll loop)
 * would pile them up; the per-call wrapper takes those listeners instead.
 */
export function requestInit(options: CallOptions | undefined): { signal?: AbortSignal } {
  return options?.signal ? { signal: AbortSignal.any([options.signal]) } : {};
}

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Awaits a call and returns its data; API errors and failures become `DataPortabilityError`. */
export async function unwrap<T>(
  operation: string,
  pending: Promise<Answer<T>>,
): Promise<T | undefined> {
  let answer: Answer<T>;
  try {
    answer = await pending;
  } catch (error) {
    if (isDataPortabilityError(error)) {
      throw error;
    }
    throw new DataPortabilityError({
      kind: "network",
      message: `${operation} failed: ${error instanceof Error ? error.message : String(error)}.`,
      retryable: true,
      cause: error,
    });
  }
  if (!answer.response.ok) {
    throw apiError(operation, answer.response, answer.error, wasRefreshed(answer.response));
  }
  return answer.data;
}

/** Throws when a success answer lacks a field the caller relies on. */
export function required<T>(operation: string, field: string, value: T | undefined | null): T {
  if (value === undefined || value === null || value === "") {
    throw new DataPortabilityError({
      kind: "api",
      message: `${operation} answered without ${field}; the API may have changed. Try again, or report it.`,
    });
  }
  return value;
}
