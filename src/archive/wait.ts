/**
 * `waitForArchive`: polls a job's state until it has finished.
 * @module
 */

import { DataPortabilityError, isDataPortabilityError } from "../errors.js";
import { parseJobId } from "../job-id.js";
import { getArchiveState, type PortabilityArchiveState } from "../methods/index.js";
import { delay } from "../util/delay.js";
import { type Backoff, backoffDelay } from "./backoff.js";
import { checkNumber } from "./check-number.js";
import { abortedError, asAbortIfAborted } from "./fail.js";
import { emit, type ProgressListener, type WaitProgress } from "./progress.js";

/** A client the method helpers accept (v1 or v1beta). */
export type ArchiveClient = Parameters<typeof getArchiveState>[0];

export interface WaitOptions {
  /** Stops waiting at once (kind "aborted"); the job itself goes on. */
  signal?: AbortSignal | undefined;
  /** First wait between two reads of the state, in ms. @default 3000 */
  pollIntervalMs?: number | undefined;
  /** Longest wait between two reads, in ms. @default 60000 */
  maxIntervalMs?: number | undefined;
  /** Growth of the wait per read. @default 1.5 */
  backoffFactor?: number | undefined;
  /** Fraction of each wait that is random (±), so clients do not poll in step. @default 0.1 */
  jitter?: number | undefined;
  /** Give up after this many ms (kind "timeout"); the job goes on and can be waited for again. */
  timeoutMs?: number | undefined;
  /** Called after each read of the state. */
  onProgress?: ProgressListener<WaitProgress> | undefined;
}

const FINISHED_BADLY = new Set(["FAILED", "CANCELLED"]);

/**
 * Reads the state of `jobId` until it is COMPLETE and returns that state (with its signed
 * `urls`). Waits 3 s, then ×1.5 per read up to `maxIntervalMs`, with jitter.
 * @param jobId `abc`, `archiveJobs/abc` or `archiveJobs/abc/portabilityArchiveState`.
 * @throws DataPortabilityError kind "job" when the job ended FAILED (start it again with
 * `retryArchive`) or CANCELLED; "timeout" after `timeoutMs`; "aborted" when `signal` fires;
 * "usage" for a numeric option that is not a finite number in range; API errors of
 * `getArchiveState` as they are, except that errors marked `retryable` are polled through
 * (with backoff) until 10 come in a row.
 */
export function waitForArchive(
  client: ArchiveClient,
  jobId: string,
  options: WaitOptions = {},
): Promise<PortabilityArchiveState> {
  return pollState(client, jobId, options, undefined);
}

/**
 * {@link waitForArchive} with a hook awaited after the first successful read, i.e. once the
 * job is known to exist (`exportArchive` records a caller's job id only then).
 */
export async function pollState(
  client: ArchiveClient,
  jobId: string,
  options: WaitOptions,
  onFirstState: (() => Promise<void>) | undefined,
): Promise<PortabilityArchiveState> {
  const id = parseJobId(jobId);
  const { signal, onProgress } = options;
  const { backoff, timeoutMs } = normalizeWaitOptions(options);
  const deadline = timeoutMs === undefined ? Infinity : Date.now() + timeoutMs;
  let polls = 0;
  let failures = 0;
  for (let step = 0; ; step++) {
    if (signal?.aborted) {
      throw abortedError(signal, id);
    }
    let state: PortabilityArchiveState;
    try {
      state = await getArchiveState(client, id, signal ? { signal } : {});
    } catch (error) {
      const fatal = asAbortIfAborted(error, signal, id);
      // A wait can last days: one transient failure after the client's own retries must
      // not end it, but a run of them means the API is really unreachable.
      if (!isDataPortabilityError(fatal) || !fatal.retryable || fatal.kind === "aborted") {
        throw fatal;
      }
      failures++;
      if (failures >= MAX_FAILURES_IN_A_ROW) {
        throw new DataPortabilityError({
          kind: fatal.kind,
          httpStatus: fatal.httpStatus,
          status: fatal.status,
          reason: fatal.reason,
          jobIds: [id],
          retryable: true,
          message: `Reading the state of job ${id} failed ${failures} times in a row (last: ${fatal.message}). The job goes on without us: wait for it again later with the same job id.`,
          cause: fatal,
        });
      }
      await pause(
        backoffDelay(backoff, step),
        deadline,
        signal,
        id,
        "unconfirmed (its state could not be read)",
        timeoutMs,
        fatal,
      );
      continue;
    }
    failures = 0;
    polls++;
    if (polls === 1) {
      await onFirstState?.();
    }
    const name = state.state ?? "STATE_UNSPECIFIED";
    if (name === "COMPLETE" || FINISHED_BADLY.has(name)) {
      emit(onProgress, { phase: "wait", jobId: id, state: name, polls });
      if (name === "COMPLETE") {
        return state;
      }
      throw jobError(id, name);
    }
    const nextPollMs = Math.min(
      backoffDelay(backoff, polls - 1),
      Math.max(0, deadline - Date.now()),
    );
    if (deadline - Date.now() > 0) {
      emit(onProgress, { phase: "wait", jobId: id, state: name, polls, nextPollMs });
    }
    await pause(nextPollMs, deadline, signal, id, name, timeoutMs, undefined);
  }
}

/** Consecutive retryable failures to read the state before waiting gives up. */
const MAX_FAILURES_IN_A_ROW = 10;

/** Sleeps `ms` but not past `deadline`; throws "timeout" at the deadline, "aborted" on abort. */
async function pause(
  ms: number,
  deadline: number,
  signal: AbortSignal | undefined,
  id: string,
  state: string,
  timeoutMs: number | undefined,
  lastError: unknown,
): Promise<void> {
  const remaining = deadline - Date.now();
  if (remaining <= 0) {
    throw new DataPortabilityError({
      kind: "timeout",
      jobIds: [id],
      retryable: true,
      message: `Job ${id} is still ${state} after ${timeoutMs} ms. It goes on without us: wait for it again later with the same job id.`,
      cause: lastError,
    });
  }
  await delay(Math.min(ms, remaining), signal).catch(() => {
    throw abortedError(signal, id);
  });
}

/** The polling settings of {@link WaitOptions}, checked (kind "usage") and with defaults. */
export function normalizeWaitOptions(options: WaitOptions): {
  backoff: Backoff;
  timeoutMs: number | undefined;
} {
  const initialMs = checkNumber("pollIntervalMs", options.pollIntervalMs, 3000, {
    min: 0,
    inclusive: false,
  });
  return {
    backoff: {
      initialMs,
      factor: checkNumber("backoffFactor", options.backoffFactor, 1.5, { min: 1 }),
      maxMs: checkNumber("maxIntervalMs", options.maxIntervalMs, 60_000, {
        min: 0,
        inclusive: false,
      }),
      jitter: checkNumber("jitter", options.jitter, 0.1, { min: 0, max: 1 }),
    },
    timeoutMs:
      options.timeoutMs === undefined
        ? undefined
        : checkNumber("timeoutMs", options.timeoutMs, 0, { min: 0 }),
  };
}

function jobError(id: string, state: string): DataPortabilityError {
  const next =
    state === "FAILED"
      ? `Start it again with retryArchive(client, "${id}") (CLI: \`dataportability retry ${id}\`) and wait for the NEW job id it returns.`
      : "A cancelled job cannot be resumed: initiate a new export.";
  return new DataPortabilityError({
    kind: "job",
    jobIds: [id],
    reason: `JOB_${state}`,
    metadata: { state },
    message: `Export job ${id} ended ${state}. ${next}`,
  });
}
