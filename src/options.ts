/**
 * Client options: documented here with their defaults, normalised once by
 * {@link normalizeOptions}; the rest of the runtime reads only the normalised form.
 * @module
 */

import type { AuthInput } from "./auth/types.js";
import { DataPortabilityError } from "./errors.js";
import { validateBaseUrl } from "./http/base-url.js";

/** API version; only the path prefix differs. */
export type ApiVersion = "v1" | "v1beta";

/** A `fetch` that takes a `Request`, as openapi-fetch calls it. */
export type FetchLike = (request: Request) => Promise<Response>;

/** Retry policy. Which requests may be retried is fixed by the API (see the README). */
export interface RetryOptions {
  /**
   * Attempts in total, the first included; 1 disables retrying.
   * @default 5
   */
  attempts?: number;
  /**
   * Backoff base: retry n waits a uniformly random time in [0, min(maxDelayMs, base·2^(n-1))).
   * @default 1000
   */
  baseDelayMs?: number;
  /**
   * Cap on the computed backoff. A longer `Retry-After`/RetryInfo from the server still wins.
   * @default 32000
   */
  maxDelayMs?: number;
  /**
   * Cap on a wait the server asks for (`Retry-After`, RetryInfo): a longer one is shortened to
   * this. Whatever the cap, a wait that would end after `deadlineMs` is not started; the
   * response is returned instead (its error carries the server's `retryAfter`).
   * @default 3600000 (1 hour)
   */
  maxRetryAfterMs?: number;
  /**
   * Budget for all attempts and waits together, from the first send; a wait that would end
   * after it is not started, and an attempt still running when it passes is aborted.
   * @default 120000
   */
  deadlineMs?: number;
  /**
   * Uniform random source in [0, 1) for the jitter; inject one for deterministic tests.
   * @default Math.random
   */
  random?: () => number;
}

/** Options of {@link createDataPortabilityClient}. */
export interface DataPortabilityClientOptions<V extends ApiVersion = ApiVersion> {
  /**
   * Credentials: an access token, an async function returning one (called per request, with
   * `forceRefresh: true` once after a 401), a googleapis-common `OAuth2Client`/`GoogleAuth`/
   * `AuthPlus`, or an `authorized_user` JSON. Required; a client without it is refused.
   */
  auth: AuthInput;
  /**
   * API root. Must be https, except on loopback (localhost, 127.0.0.0/8, [::1]).
   * @default "https://dataportability.googleapis.com"
   */
  baseUrl?: string | undefined;
  /**
   * API version; the client's paths are typed for it.
   * @default "v1"
   */
  version?: V | undefined;
  /**
   * Retry policy, or `false` to send each request once.
   * @default { attempts: 5, baseDelayMs: 1000, maxDelayMs: 32000, maxRetryAfterMs: 3600000, deadlineMs: 120000 }
   */
  retry?: false | RetryOptions | undefined;
  /**
   * Time allowed for one attempt, from sending the request to the last byte of the response
   * body (API answers are small JSON, read whole and capped at 8 MiB).
   * @default 60000
   */
  timeoutMs?: number | undefined;
  /** Product token put before this library's in the User-Agent, e.g. `"my-app/1.2"`. */
  userAgent?: string | undefined;
  /** Google Cloud project billed for quota, sent as `x-goog-user-project`. */
  quotaProject?: string | undefined;
  /**
   * The `fetch` that sends each attempt (an emulator's handler, a proxy-aware fetch).
   * @default globalThis.fetch
   */
  fetch?: FetchLike | undefined;
  /** Aborts every request of this client (in flight or waiting to retry). */
  signal?: AbortSignal | undefined;
}

/**
 * Per-request overrides, passed in openapi-fetch's request options:
 * `client.GET(path, { params, retry: false, timeoutMs: 5000 })`.
 */
export interface RequestRetryOverride {
  /** Replaces fields of the client's retry policy for this request; `false` sends once. */
  retry?: false | RetryOptions | undefined;
  /** Per-attempt timeout for this request. */
  timeoutMs?: number | undefined;
}

/** The policy the retrying fetch reads: every field resolved. */
export interface RetryPolicy extends Required<RetryOptions> {
  timeoutMs: number;
}

export interface NormalizedOptions {
  auth: AuthInput;
  baseUrl: string;
  version: ApiVersion;
  retry: RetryPolicy;
  userAgent: string | undefined;
  quotaProject: string | undefined;
  fetch: FetchLike;
  signal: AbortSignal | undefined;
}

export const DEFAULT_BASE_URL = "https://dataportability.googleapis.com";

const DEFAULT_RETRY: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 1000,
  maxDelayMs: 32_000,
  maxRetryAfterMs: 3_600_000,
  deadlineMs: 120_000,
  random: Math.random,
  timeoutMs: 60_000,
};

function usage(message: string): DataPortabilityError {
  return new DataPortabilityError({ kind: "usage", message });
}

/** Accepts finite numbers ≥ `min` only: Infinity or NaN would disable a timer or a loop bound. */
function checkNumber(name: string, value: number, min: number, integer = false): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min) {
    throw usage(`${name} must be a finite number ≥ ${min}, got ${String(value)}.`);
  }
  if (integer && !Number.isInteger(value)) {
    throw usage(`${name} must be a whole number, got ${value}.`);
  }
  return value;
}

/** Applies `override` on top of `base`, validating each given field. */
export function mergeRetryPolicy(base: RetryPolicy, override: RequestRetryOverride): RetryPolicy {
  const retry = override.retry;
  const merged: RetryPolicy = { ...base };
  if (retry === false) {
    merged.attempts = 1;
  } else if (retry !== undefined) {
    if (typeof retry !== "object" || retry === null) {
      throw usage("retry must be false or an object such as { attempts: 3 }.");
    }
    if (retry.attempts !== undefined) {
      merged.attempts = checkNumber("retry.attempts", retry.attempts, 1, true);
    }
    if (retry.baseDelayMs !== undefined) {
      merged.baseDelayMs = checkNumber("retry.baseDelayMs", retry.baseDelayMs, 0);
    }
    if (retry.maxDelayMs !== undefined) {
      merged.maxDelayMs = checkNumber("retry.maxDelayMs", retry.maxDelayMs, 0);
    }
    if (retry.maxRetryAfterMs !== undefined) {
      merged.maxRetryAfterMs = checkNumber("retry.maxRetryAfterMs", retry.maxRetryAfterMs, 0);
    }
    if (retry.deadlineMs !== undefined) {
      merged.deadlineMs = checkNumber("retry.deadlineMs", retry.deadlineMs, 1);
    }
    if (retry.random !== undefined) {
      if (typeof retry.random !== "function") {
        throw usage("retry.random must be a function returning a number in [0, 1).");
      }
      merged.random = retry.random;
    }
  }
  if (override.timeoutMs !== undefined) {
    merged.timeoutMs = checkNumber("timeoutMs", override.timeoutMs, 1);
  }
  return merged;
}

/** Resolves every default and validates the options once, before any request. */
export function normalizeOptions(options: DataPortabilityClientOptions): NormalizedOptions {
  if (typeof options !== "object" || options === null) {
    throw usage("createDataPortabilityClient needs an options object with at least `auth`.");
  }
  const version = options.version ?? "v1";
  if (version !== "v1" && version !== "v1beta") {
    throw usage(`version must be "v1" or "v1beta", got ${JSON.stringify(version)}.`);
  }
  const fetch = options.fetch ?? globalThis.fetch;
  if (typeof fetch !== "function") {
    throw usage("fetch must be a function; this runtime has no global fetch.");
  }
  return {
    auth: options.auth,
    baseUrl: validateBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL),
    version,
    retry: mergeRetryPolicy(DEFAULT_RETRY, { retry: options.retry, timeoutMs: options.timeoutMs }),
    userAgent: options.userAgent,
    quotaProject: options.quotaProject,
    fetch,
    signal: options.signal,
  };
}
