/**
 * Turns an API error response into a `DataPortabilityError` whose message says what to do:
 * re-consent, wait until a time, reset, or use the job that already exists.
 * @module
 */

import { DataPortabilityError, type DataPortabilityErrorKind } from "../errors.js";
import { parseRetryAfter } from "../retry/timing.js";
import { parseRpcStatus, type RpcStatus } from "../rpc-status.js";

interface Advice {
  kind: DataPortabilityErrorKind;
  retryable: boolean;
  text: string;
}

function whenText(at: Date | undefined): string {
  return at ? `until ${at.toISOString()}` : "a while";
}

/** What to do about a 401, depending on whether the token was refreshed before it came back. */
function rejectedTokenText(refreshed: boolean): string {
  return refreshed
    ? "The access token was rejected even after a refresh: the grant was revoked or ended by " +
        "resetAuthorization. Ask the user to consent again to get new credentials."
    : "The access token was rejected: it expired, was revoked, or was ended by " +
        "resetAuthorization, and this auth source cannot refresh it. Obtain a new token (ask " +
        "the user to consent again) and pass it to a new client.";
}

function adviceFor(
  operation: string,
  http: number,
  rpc: RpcStatus,
  at: Date | undefined,
  refreshed: boolean,
): Advice {
  const reason = rpc.errorInfo?.reason ?? "";
  const jobs = rpc.jobIds.join(", ");
  if (reason === "RESOURCE_EXHAUSTED_ONE_TIME") {
    return {
      kind: "api",
      retryable: false,
      text:
        `One-time access to these resources was already used${jobs ? ` (previous jobs: ${jobs})` : ""}. ` +
        "Download the previous job's archive, or call resetAuthorization and ask the user to consent again.",
    };
  }
  if (reason === "RESOURCE_EXHAUSTED_TIME_BASED" || (rpc.status === "FAILED_PRECONDITION" && at)) {
    return {
      kind: "api",
      retryable: true,
      text: `Time-based access allows one export every 24 hours: wait ${whenText(at)} and initiate again${jobs ? ` (previous jobs: ${jobs})` : ""}.`,
    };
  }
  if (
    rpc.status === "ALREADY_EXISTS" ||
    reason.startsWith("ALREADY_EXISTS") ||
    (http === 409 && jobs)
  ) {
    return {
      kind: "api",
      retryable: false,
      text: jobs
        ? `A job for these resources is already running: use the existing job id ${jobs} (poll it with getArchiveState) instead of starting another.`
        : "A job for these resources is already running: wait for it to finish instead of starting another.",
    };
  }
  if (http === 401) {
    return {
      kind: "auth",
      retryable: false,
      text: rejectedTokenText(refreshed),
    };
  }
  if (http === 403) {
    return {
      kind: "api",
      retryable: false,
      text: "The token does not grant this: ask the user to consent (again) to the scopes of the requested resources.",
    };
  }
  if (http === 404) {
    return {
      kind: "api",
      retryable: false,
      text: "Check the job id: jobs are visible only to the user and project that started them.",
    };
  }
  if (http === 503 && operation === "initiate") {
    return {
      kind: "api",
      retryable: true,
      text:
        "The request was not retried automatically because it may have reached the server and " +
        "started an export job, so retrying risks a duplicate job: check for an existing job " +
        "first (initiating again answers ALREADY_EXISTS with its id while one is running).",
    };
  }
  if (http === 429 || http >= 500) {
    return {
      kind: "api",
      retryable: true,
      text: `This is temporary: wait ${whenText(at)} and try again.`,
    };
  }
  if (rpc.status === "FAILED_PRECONDITION") {
    return {
      kind: "api",
      retryable: false,
      text: "The job is not in a state that allows this (retry needs a FAILED job, cancel an IN_PROGRESS one).",
    };
  }
  return {
    kind: "api",
    retryable: false,
    text: "Check the request (resource names, time range, job id).",
  };
}

/** The earliest time to try again: `timestamp_after_24hrs`, then RetryInfo, then Retry-After. */
function retryAfterOf(rpc: RpcStatus, response: Response, now: number): Date | undefined {
  const stamp = rpc.errorInfo?.metadata.timestamp_after_24hrs;
  const parsed = stamp ? Date.parse(stamp) : Number.NaN;
  if (!Number.isNaN(parsed)) {
    return new Date(parsed);
  }
  const ms = rpc.retryDelayMs ?? parseRetryAfter(response.headers.get("retry-after"), now);
  const at = ms === undefined ? undefined : new Date(now + ms);
  // A hint beyond the Date range would make an Invalid Date that toISOString() throws on.
  return at && !Number.isNaN(at.getTime()) ? at : undefined;
}

/** The server's message as a sentence: a final period, never two. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return trimmed === "" || /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * The error for a non-2xx answer. `operation` is the helper's short name (`initiate`, `reset`…),
 * `body` what openapi-fetch returned as `error`, and `refreshed` whether the answer came after
 * the token had been refreshed once.
 */
export function apiError(
  operation: string,
  response: Response,
  body: unknown,
  refreshed = false,
): DataPortabilityError {
  const rpc = parseRpcStatus(body, response.status);
  const at = retryAfterOf(rpc, response, Date.now());
  const advice = adviceFor(operation, response.status, rpc, at, refreshed);
  const reason = rpc.errorInfo?.reason;
  const code = `${rpc.status ?? "HTTP"} ${response.status}${reason ? `, ${reason}` : ""}`;
  return new DataPortabilityError({
    kind: advice.kind,
    message: `${operation} failed (${code}): ${sentence(rpc.message)} ${advice.text}`,
    httpStatus: response.status,
    status: rpc.status,
    reason,
    jobIds: rpc.jobIds,
    retryable: advice.retryable,
    retryAfter: at,
    metadata: rpc.errorInfo?.metadata,
  });
}
