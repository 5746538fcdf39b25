import { redact, redactCause } from "./redact.js";

/**
 * The one error class this library throws.
 * API answers through the openapi-fetch client stay `{ data, error, response }`; the helpers,
 * the archive workflow and the CLI throw `DataPortabilityError` when they cannot go on.
 * @module
 */

/**
 * What went wrong, coarsely, so that callers (and the CLI's exit codes) can branch on it.
 * - `usage`: bad input caught before any request (job id, resource name, time range, option).
 * - `auth`: no credentials, a token that cannot be refreshed, 401 after refresh, revoked grant.
 * - `api`: the API answered with an error (`status`/`reason` say which).
 * - `network`: no answer (refused, reset, timeout) after the retry policy gave up.
 * - `integrity`: a download that does not match its length or hash.
 * - `io`: the local file system refused (full disk, permissions, a directory that is a file).
 * - `job`: the export job ended FAILED or CANCELLED.
 * - `aborted`: the caller's AbortSignal fired.
 * - `timeout`: a deadline set by the caller passed.
 */
export type DataPortabilityErrorKind =
  | "usage"
  | "auth"
  | "api"
  | "network"
  | "integrity"
  | "io"
  | "job"
  | "aborted"
  | "timeout";

/** Fields of a {@link DataPortabilityError}; only `kind` and `message` are required. */
export interface DataPortabilityErrorInit {
  kind: DataPortabilityErrorKind;
  message: string;
  /** HTTP status of the response that caused it, if any. */
  httpStatus?: number | undefined;
  /** `google.rpc.Code` name, e.g. `PERMISSION_DENIED`, `RESOURCE_EXHAUSTED`. */
  status?: string | undefined;
  /** `google.rpc.ErrorInfo.reason`, e.g. `RESOURCE_EXHAUSTED_ONE_TIME`. */
  reason?: string | undefined;
  /** Job ids the error names: an existing job (ALREADY_EXISTS) or previous jobs (exhausted scope). */
  jobIds?: readonly string[] | undefined;
  /** Whether trying the same call again later may succeed. */
  retryable?: boolean | undefined;
  /** Earliest time a retry makes sense (Retry-After, RetryInfo, `timestamp_after_24hrs`). */
  retryAfter?: Date | undefined;
  /** `ErrorInfo.metadata`, verbatim (values are strings in google.rpc). */
  metadata?: Readonly<Record<string, string>> | undefined;
  cause?: unknown;
}

/**
 * Every string field and the whole `cause` chain are redacted on construction, so tokens and
 * signed-URL signatures cannot leak through `message`, `toString()`, `JSON.stringify`,
 * `util.inspect` or `cause`.
 */
export class DataPortabilityError extends Error {
  override readonly name = "DataPortabilityError" as const;
  readonly kind: DataPortabilityErrorKind;
  readonly httpStatus: number | undefined;
  readonly status: string | undefined;
  readonly reason: string | undefined;
  readonly jobIds: readonly string[];
  readonly retryable: boolean;
  readonly retryAfter: Date | undefined;
  readonly metadata: Readonly<Record<string, string>>;

  constructor(init: DataPortabilityErrorInit) {
    super(
      redact(init.message),
      init.cause === undefined ? undefined : { cause: redactCause(init.cause) },
    );
    this.kind = init.kind;
    this.httpStatus = init.httpStatus;
    this.status = init.status === undefined ? undefined : redact(init.status);
    this.reason = init.reason === undefined ? undefined : redact(init.reason);
    this.jobIds = init.jobIds ?? [];
    this.retryable = init.retryable ?? false;
    this.retryAfter = init.retryAfter;
    this.metadata = Object.fromEntries(
      Object.entries(init.metadata ?? {}).map(([key, value]) => [key, redact(value)]),
    );
  }

  /** A plain object for logs and `--json` output (no stack, no cause chain). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      httpStatus: this.httpStatus,
      status: this.status,
      reason: this.reason,
      jobIds: this.jobIds,
      retryable: this.retryable,
      retryAfter: this.retryAfter?.toISOString(),
      metadata: this.metadata,
    };
  }
}

/** Type guard that also works across copies of this package. */
export function isDataPortabilityError(value: unknown): value is DataPortabilityError {
  return (
    value instanceof DataPortabilityError ||
    (value instanceof Error && value.name === "DataPortabilityError" && "kind" in value)
  );
}
