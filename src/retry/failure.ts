/**
 * Errors for requests that got no response: aborted, timed out, or failed on the network after
 * the retry policy gave up. Messages name the request and say what to do next.
 * @module
 */

import { DataPortabilityError } from "../errors.js";
import { errorCodes } from "./network.js";

/** What the messages need to know about the request. */
export interface RequestLabel {
  /** `METHOD origin+path` without the query, e.g. `POST https://…/v1/portabilityArchive:initiate`. */
  text: string;
  /** Generated operation id, when the path is a known API method. */
  operationId: string | undefined;
  idempotent: boolean;
}

export function labelRequest(
  request: Request,
  operationId: string | undefined,
  idempotent: boolean,
): RequestLabel {
  const url = new URL(request.url);
  return { text: `${request.method} ${url.origin}${url.pathname}`, operationId, idempotent };
}

export function abortedError(label: RequestLabel, reason: unknown): DataPortabilityError {
  return new DataPortabilityError({
    kind: "aborted",
    message: `${label.text} was aborted by the caller's AbortSignal.`,
    cause: reason,
  });
}

function describe(error: unknown): string {
  const codes = [...new Set(errorCodes(error))];
  const text = error instanceof Error ? error.message : String(error);
  return codes.length > 0 ? `${text} (${codes.join(", ")})` : text;
}

/** Advice for a request that may or may not have reached the server. */
function unsafeAdvice(label: RequestLabel): string {
  if (label.operationId?.endsWith("portabilityArchive.initiate")) {
    return (
      " It was not retried because the request may have reached the server and started an " +
      "export job: check for an existing job (an ALREADY_EXISTS error names it) before " +
      "initiating again, or a duplicate job may start."
    );
  }
  return " It was not retried because the request may have reached the server; check its effect before repeating it.";
}

export interface FailureInfo {
  error: unknown;
  attempts: number;
  /** The per-attempt timeout fired. */
  timedOut: boolean;
  /** The overall deadline ended the attempt or prevented the next one. */
  deadlineMs: number | undefined;
  timeoutMs: number;
  /** The policy would not retry this failure at all (as opposed to running out of attempts). */
  notRetryable: boolean;
}

/** The error thrown when no response came back and no further attempt will be made. */
export function failureError(label: RequestLabel, info: FailureInfo): DataPortabilityError {
  const tries = info.attempts === 1 ? "1 attempt" : `${info.attempts} attempts`;
  let message: string;
  if (info.deadlineMs !== undefined) {
    message = `${label.text} did not succeed within the ${info.deadlineMs} ms retry deadline (${tries}).`;
  } else if (info.timedOut) {
    message = `${label.text} timed out after ${info.timeoutMs} ms (${tries}).`;
  } else {
    message = `${label.text} failed after ${tries}: ${describe(info.error)}.`;
  }
  message +=
    info.notRetryable && !label.idempotent
      ? unsafeAdvice(label)
      : " Check the network connection and try again later.";
  return new DataPortabilityError({
    kind: info.deadlineMs !== undefined || info.timedOut ? "timeout" : "network",
    message,
    retryable: true,
    cause: info.error,
  });
}
