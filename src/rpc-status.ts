/**
 * Google API error bodies (`google.rpc.Status` rendered as JSON) parsed into one typed shape.
 * Bodies that are not Google JSON (an HTML page or an empty body from a proxy) produce the same
 * shape from the HTTP status, so callers never branch on where the error came from.
 * @see https://cloud.google.com/apis/design/errors
 * @module
 */

import { redact } from "./redact.js";

const ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo";
const RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo";

/** `google.rpc.ErrorInfo`: why it failed, machine-readable. */
export interface RpcErrorInfo {
  reason: string | undefined;
  domain: string | undefined;
  metadata: Record<string, string>;
}

/** A parsed API error. `code` is the HTTP status, as in Google's JSON rendering. */
export interface RpcStatus {
  code: number;
  /** Canonical code name (`PERMISSION_DENIED`, …); derived from the HTTP status when absent. */
  status: string | undefined;
  /** Server message, redacted; a short description when the body was not Google JSON. */
  message: string;
  /** Raw `details` entries (each with `@type`). */
  details: readonly Record<string, unknown>[];
  /** The first ErrorInfo in `details`. */
  errorInfo: RpcErrorInfo | undefined;
  /** `google.rpc.RetryInfo.retryDelay` in milliseconds. */
  retryDelayMs: number | undefined;
  /** Job ids named by the error: `job_id` (ALREADY_EXISTS) and `previous_job_ids` (exhausted). */
  jobIds: string[];
}

const CODE_NAMES: Readonly<Record<number, string>> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  409: "ABORTED",
  429: "RESOURCE_EXHAUSTED",
  499: "CANCELLED",
  500: "INTERNAL",
  501: "UNIMPLEMENTED",
  502: "UNAVAILABLE",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

/** The canonical code name Google's front end uses for an HTTP status. */
export function statusNameForHttp(httpStatus: number): string | undefined {
  return CODE_NAMES[httpStatus] ?? (httpStatus >= 500 ? "UNKNOWN" : undefined);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** Parses a protobuf JSON Duration (`"3.5s"`) into milliseconds. */
export function parseDurationMs(value: unknown): number | undefined {
  const match = typeof value === "string" ? /^(\d+(?:\.\d+)?)s$/.exec(value.trim()) : null;
  return match?.[1] === undefined ? undefined : Math.round(Number(match[1]) * 1000);
}

function parseErrorInfo(detail: Record<string, unknown>): RpcErrorInfo {
  const metadata: Record<string, string> = {};
  if (isRecord(detail.metadata)) {
    for (const [key, value] of Object.entries(detail.metadata)) {
      if (typeof value === "string") {
        metadata[key] = redact(value);
      }
    }
  }
  return { reason: str(detail.reason), domain: str(detail.domain), metadata };
}

/** `job_id` and the comma-separated `previous_job_ids`, in that order, without duplicates. */
function jobIdsOf(info: RpcErrorInfo | undefined): string[] {
  if (!info) {
    return [];
  }
  const ids = [info.metadata.job_id, ...(info.metadata.previous_job_ids ?? "").split(",")]
    .map((id) => id?.trim() ?? "")
    .filter((id) => id !== "");
  return [...new Set(ids)];
}

function fallback(httpStatus: number, body: string): RpcStatus {
  const kind = body.trim() === "" ? "empty body" : "body is not a Google JSON error";
  return {
    code: httpStatus,
    status: statusNameForHttp(httpStatus),
    message: `HTTP ${httpStatus} (${kind})`,
    details: [],
    errorInfo: undefined,
    retryDelayMs: undefined,
    jobIds: [],
  };
}

/**
 * Parses an error body. `body` is what openapi-fetch hands back as `error` (already JSON-parsed
 * when it could be, the raw text otherwise) or the raw response text.
 */
export function parseRpcStatus(body: unknown, httpStatus: number): RpcStatus {
  let value = body;
  if (typeof body === "string") {
    try {
      value = JSON.parse(body);
    } catch {
      return fallback(httpStatus, body);
    }
  }
  const envelope = isRecord(value) ? value.error : undefined;
  if (typeof envelope === "string" && isRecord(value)) {
    // OAuth token endpoint shape: { error: "invalid_grant", error_description: "…" }.
    const text = str(value.error_description) ?? envelope;
    return { ...fallback(httpStatus, "x"), message: redact(`${envelope}: ${text}`) };
  }
  if (!isRecord(envelope)) {
    return fallback(httpStatus, typeof body === "string" ? body : "");
  }
  const details = Array.isArray(envelope.details) ? envelope.details.filter(isRecord) : [];
  const infoDetail = details.find((d) => d["@type"] === ERROR_INFO);
  const retryDetail = details.find((d) => d["@type"] === RETRY_INFO);
  const errorInfo = infoDetail ? parseErrorInfo(infoDetail) : undefined;
  return {
    code: typeof envelope.code === "number" ? envelope.code : httpStatus,
    status: str(envelope.status) ?? statusNameForHttp(httpStatus),
    message: redact(str(envelope.message) ?? `HTTP ${httpStatus}`),
    details,
    errorInfo,
    retryDelayMs: retryDetail ? parseDurationMs(retryDetail.retryDelay) : undefined,
    jobIds: jobIdsOf(errorInfo),
  };
}
