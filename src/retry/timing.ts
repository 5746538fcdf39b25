/**
 * Server-sent wait hints: the `Retry-After` header (delta seconds or an HTTP date) and
 * `google.rpc.RetryInfo.retryDelay` in a JSON error body. The longer of the two wins; a hint
 * that cannot be parsed is ignored rather than disabling retries.
 * @module
 */

import { parseRpcStatus } from "../rpc-status.js";

/** Milliseconds to wait from a `Retry-After` value, or `undefined` when absent or malformed. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  const text = value?.trim();
  if (!text) {
    return undefined;
  }
  if (/^\d+$/.test(text)) {
    // Absurdly long digit strings overflow to Infinity: no usable hint.
    const ms = Number(text) * 1000;
    return Number.isFinite(ms) ? ms : undefined;
  }
  // An HTTP date always names a day or month; V8 would otherwise read "-3" as a year.
  const date = /[A-Za-z]/.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The longest wait the response asks for, from its `Retry-After` header and the RetryInfo in
 * `errorBody` (see {@link peekErrorBody}), or `undefined` when it asks for none.
 */
export function serverDelayMs(
  response: Response,
  errorBody: string | undefined,
  now: number,
): number | undefined {
  const header = parseRetryAfter(response.headers.get("retry-after"), now);
  const info =
    errorBody === undefined ? undefined : parseRpcStatus(errorBody, response.status).retryDelayMs;
  if (header === undefined) {
    return info;
  }
  return info === undefined ? header : Math.max(header, info);
}

const MAX_PEEK_BYTES = 64 * 1024;

/**
 * Reads a JSON error body from a clone, leaving the response intact for the caller.
 * Skips non-JSON and oversized bodies: they carry no hints worth buffering.
 */
export async function peekErrorBody(response: Response): Promise<string | undefined> {
  const type = response.headers.get("content-type") ?? "";
  const length = Number(response.headers.get("content-length") ?? "0");
  if (!type.includes("json") || length > MAX_PEEK_BYTES || !response.body) {
    return undefined;
  }
  try {
    return await response.clone().text();
  } catch {
    return undefined;
  }
}
