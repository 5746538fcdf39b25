/**
 * How to treat one answer from a signed storage URL, decided from its status and headers
 * alone (pure, so each rule is easy to test and to read).
 * @module
 */

import { parseRetryAfter } from "../retry/timing.js";
import type { StorageResponse } from "./storage-response.js";

/** What the downloader does with a response. */
export type ResponseAction =
  /** Write the body after the bytes already on disk. */
  | { action: "append"; totalBytes: number | undefined }
  /** Write the body from byte 0 (full answer, or a fresh start). */
  | { action: "replace"; totalBytes: number | undefined; reason?: string }
  /** Drop the `.part` and ask again without Range. */
  | { action: "restart"; reason: string }
  /** The signed URL is no longer valid: get a fresh one. */
  | { action: "expired" }
  /** A transient failure: wait and ask again. */
  | { action: "retry"; reason: string; retryAfterMs: number | undefined }
  /** Give up. */
  | { action: "fail"; reason: string };

/** What was asked for: `offset` > 0 means a Range request; `etag` is the one the part file has. */
export interface AskedFor {
  offset: number;
  etag: string | undefined;
}

const RETRY_STATUS = new Set([408, 429, 500, 502, 503, 504]);

export function classifyResponse(
  res: Pick<StorageResponse, "status" | "headers">,
  asked: AskedFor,
): ResponseAction {
  const { status, headers } = res;
  if (status === 400 || status === 403) {
    return { action: "expired" };
  }
  if (RETRY_STATUS.has(status)) {
    return {
      action: "retry",
      reason: `HTTP ${status}`,
      retryAfterMs: parseRetryAfter(headers.get("retry-after"), Date.now()),
    };
  }
  if (status === 416) {
    return { action: "restart", reason: "the server refused the byte range (416)" };
  }
  if (status === 200) {
    const totalBytes = parseLength(headers.get("content-length"));
    return asked.offset > 0
      ? { action: "replace", totalBytes, reason: "the server ignored Range (200 instead of 206)" }
      : { action: "replace", totalBytes };
  }
  if (status === 206) {
    const range = parseContentRange(headers.get("content-range"));
    if (asked.offset === 0 || range === undefined || range.start !== asked.offset) {
      return { action: "restart", reason: "the server answered a different byte range" };
    }
    const etag = headers.get("etag") ?? undefined;
    if (asked.etag !== undefined && etag !== undefined && etag !== asked.etag) {
      return { action: "restart", reason: "the object changed (new ETag)" };
    }
    return { action: "append", totalBytes: range.total };
  }
  return { action: "fail", reason: `HTTP ${status}` };
}

function parseLength(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value.trim())) {
    return undefined;
  }
  return Number(value.trim());
}

/** `bytes 100-199/1000` → { start: 100, total: 1000 }; total undefined for `*`. */
export function parseContentRange(
  value: string | null,
): { start: number; total: number | undefined } | undefined {
  const m = value === null ? null : /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(value.trim());
  if (m === null) {
    return undefined;
  }
  return { start: Number(m[1]), total: m[3] === "*" ? undefined : Number(m[3]) };
}
