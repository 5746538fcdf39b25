/**
 * Small constructors for the `DataPortabilityError`s the archive workflow throws, so every
 * message names the thing and says what to do next.
 * @module
 */

import { DataPortabilityError, isDataPortabilityError } from "../errors.js";

/** Bad input caught before any request. */
export function usageError(message: string, cause?: unknown): DataPortabilityError {
  return new DataPortabilityError({ kind: "usage", message, cause });
}

/** The local file system refused; the `.part` file (if any) is kept for a resume. */
export function ioError(file: string, cause: unknown): DataPortabilityError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const why =
    code === "ENOSPC"
      ? "the disk is full"
      : code === "EACCES" || code === "EPERM"
        ? "permission denied"
        : code === "EROFS"
          ? "the file system is read-only"
          : ((cause as Error | undefined)?.message ?? String(cause));
  return new DataPortabilityError({
    kind: "io",
    message: `Cannot write ${file}: ${why}${code && !why.includes(code) ? ` (${code})` : ""}. Free space or fix permissions, then run the same export again to resume.`,
    cause,
  });
}

/** The caller's AbortSignal fired; keeps an error the caller passed as the reason. */
export function abortedError(
  signal: AbortSignal | undefined,
  jobId?: string,
): DataPortabilityError {
  const reason: unknown = signal?.reason;
  if (isDataPortabilityError(reason)) {
    return reason;
  }
  return new DataPortabilityError({
    kind: "aborted",
    message: `Stopped: the operation was aborted${jobId ? ` (job ${jobId}; run again with this job id to resume)` : ""}.`,
    jobIds: jobId ? [jobId] : [],
    cause: reason,
  });
}

/** Rethrows as "aborted" when the signal fired, else returns the error unchanged. */
export function asAbortIfAborted(
  error: unknown,
  signal: AbortSignal | undefined,
  jobId?: string,
): unknown {
  if (signal?.aborted && !isDataPortabilityError(error)) {
    return abortedError(signal, jobId);
  }
  return error;
}

/**
 * The most specific short text of a network error: a socket's code (`ECONNRESET`), or that of
 * the cause fetch wraps it in, else the message ("other side closed").
 */
export function describeError(error: unknown): string {
  const e = error as {
    code?: string;
    message?: string;
    cause?: { code?: string; message?: string };
  };
  return e.cause?.code ?? e.cause?.message ?? e.code ?? e.message ?? String(error);
}
