/**
 * The retry decision, as a few guards. Google's guidance (AIP-194, Cloud Storage retry
 * strategy): retry transient failures of requests that are safe to repeat; never quota
 * exhaustion, client errors or conflicts.
 * @module
 */

import { parseRpcStatus } from "../rpc-status.js";
import { failedBeforeSend } from "./network.js";

/** Statuses worth another attempt for an idempotent request. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/** Per-user scope exhaustion: waiting seconds does not help (it lasts a day or needs consent). */
const EXHAUSTED_REASONS = new Set(["RESOURCE_EXHAUSTED_ONE_TIME", "RESOURCE_EXHAUSTED_TIME_BASED"]);

/**
 * Whether a response may be retried. Only idempotent requests are: a non-idempotent one that
 * got any answer has reached the server. `errorBody` is the JSON error text when available.
 */
export function isRetryableResponse(
  idempotent: boolean,
  status: number,
  errorBody: string | undefined,
): boolean {
  if (!idempotent || !RETRYABLE_STATUSES.has(status)) {
    return false;
  }
  const reason =
    errorBody === undefined ? undefined : parseRpcStatus(errorBody, status).errorInfo?.reason;
  return reason === undefined || !EXHAUSTED_REASONS.has(reason);
}

/**
 * Whether a failure without a response may be retried: always for idempotent requests; for
 * the others only when the connection was never made (refused, DNS), since after a timeout or
 * a reset the server may already be acting on the request (a second export job).
 */
export function isRetryableFailure(
  idempotent: boolean,
  error: unknown,
  timedOut: boolean,
): boolean {
  return idempotent || (!timedOut && failedBeforeSend(error));
}
