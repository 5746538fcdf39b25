/**
 * A sleep that an AbortSignal ends at once, and a timer that accepts any finite delay.
 * @module
 */

/** setTimeout's largest delay; above it Node warns and fires after 1 ms instead. */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * Calls `fn` after `ms`, chaining timers when `ms` exceeds what one setTimeout can hold.
 * Returns a function that cancels it. A non-finite `ms` never fires.
 */
export function setLongTimeout(fn: () => void, ms: number): () => void {
  let timer: NodeJS.Timeout | undefined;
  if (Number.isNaN(ms) || ms === Number.POSITIVE_INFINITY) {
    return () => undefined;
  }
  const end = Date.now() + Math.max(0, ms);
  const arm = () => {
    const left = end - Date.now();
    timer = left > MAX_TIMER_MS ? setTimeout(arm, MAX_TIMER_MS) : setTimeout(fn, Math.max(0, left));
  };
  arm();
  return () => clearTimeout(timer);
}

/** Resolves after `ms`; rejects with the signal's reason as soon as `signal` aborts. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) {
    return Promise.reject(signal.reason);
  }
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      cancel();
      reject(signal?.reason);
    };
    const cancel = setLongTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
