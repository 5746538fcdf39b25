/**
 * The retry loop. It runs beneath openapi-fetch's middleware (as the client's `fetch`), so
 * every attempt carries the headers the middleware set, and it sends a fresh clone of the
 * Request each time because a body can be read only once.
 * @module
 */

import { isDataPortabilityError } from "../errors.js";
import type { FetchLike, RetryPolicy } from "../options.js";
import { delay, setLongTimeout } from "../util/delay.js";
import { backoffDelay } from "./backoff.js";
import { bufferResponse } from "./body.js";
import { isRetryableFailure, isRetryableResponse, RETRYABLE_STATUSES } from "./classify.js";
import { abortedError, failureError, type RequestLabel } from "./failure.js";
import { peekErrorBody, serverDelayMs } from "./timing.js";

export interface SendContext {
  fetch: FetchLike;
  policy: RetryPolicy;
  label: RequestLabel;
  /** The caller's signal(s): aborting stops the attempt or the wait at once. */
  signal: AbortSignal | undefined;
}

type Outcome = { response: Response } | { error: unknown; timedOut: boolean; deadlineHit: boolean };

/** Settles with `promise`, or rejects with the signal's reason as soon as it aborts. */
function raceSignal<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

async function sendOnce(template: Request, ctx: SendContext, deadline: number): Promise<Outcome> {
  if (ctx.signal?.aborted) {
    throw abortedError(ctx.label, ctx.signal.reason);
  }
  const remaining = Math.max(1, deadline - Date.now());
  const limit = Math.min(ctx.policy.timeoutMs, remaining);
  const timer = new AbortController();
  const clearTimer = setLongTimeout(() => timer.abort(), limit);
  const signal = ctx.signal ? AbortSignal.any([ctx.signal, timer.signal]) : timer.signal;
  try {
    const attempt = new Request(template.clone(), { signal });
    const response = await raceSignal(ctx.fetch(attempt), signal);
    // The body is read under the same timer: a stall after the headers is this attempt's timeout.
    return { response: await bufferResponse(response, ctx.label.text, signal) };
  } catch (error) {
    if (ctx.signal?.aborted) {
      throw abortedError(ctx.label, ctx.signal.reason);
    }
    if (isDataPortabilityError(error)) {
      throw error;
    }
    const timedOut = timer.signal.aborted;
    return { error, timedOut, deadlineHit: timedOut && limit === remaining };
  } finally {
    clearTimer();
  }
}

async function pause(ms: number, ctx: SendContext): Promise<void> {
  try {
    await delay(ms, ctx.signal);
  } catch {
    throw abortedError(ctx.label, ctx.signal?.reason);
  }
}

/**
 * Sends `request` (never consumed: each attempt is a clone) under the retry policy. Resolves
 * with the last response, retried or not; rejects with a `DataPortabilityError` when no
 * response came back (network, timeout, deadline, abort).
 */
export async function sendWithRetry(request: Request, ctx: SendContext): Promise<Response> {
  const { policy, label } = ctx;
  const deadline = Date.now() + policy.deadlineMs;
  for (let attempt = 1; ; attempt++) {
    const outcome = await sendOnce(request, ctx, deadline);
    const more = attempt < policy.attempts;
    const backoff = backoffDelay(attempt, policy);
    if ("response" in outcome) {
      const { response } = outcome;
      if (response.ok || !more || !RETRYABLE_STATUSES.has(response.status)) {
        return response;
      }
      const body = await peekErrorBody(response);
      if (!isRetryableResponse(label.idempotent, response.status, body)) {
        return response;
      }
      // A server-sent delay raises the wait (never lowers it), without jitter on top, up to
      // maxRetryAfterMs; the deadline check below still refuses a wait that would outlast it.
      const asked = Math.min(
        serverDelayMs(response, body, Date.now()) ?? 0,
        policy.maxRetryAfterMs,
      );
      const wait = Math.max(backoff, asked);
      if (Date.now() + wait >= deadline) {
        return response;
      }
      await response.body?.cancel().catch(() => undefined);
      await pause(wait, ctx);
      continue;
    }
    const retryable = isRetryableFailure(label.idempotent, outcome.error, outcome.timedOut);
    const pastDeadline = outcome.deadlineHit || Date.now() + backoff >= deadline;
    if (!retryable || !more || pastDeadline) {
      throw failureError(label, {
        error: outcome.error,
        attempts: attempt,
        timedOut: outcome.timedOut,
        deadlineMs:
          outcome.deadlineHit || (retryable && more && pastDeadline)
            ? policy.deadlineMs
            : undefined,
        timeoutMs: policy.timeoutMs,
        notRetryable: !retryable,
      });
    }
    await pause(backoff, ctx);
  }
}
