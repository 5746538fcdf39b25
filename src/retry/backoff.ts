/**
 * Exponential backoff with full jitter: the wait before retry n is uniform in
 * [0, min(cap, base · 2^(n-1))), which spreads clients out after a shared outage.
 * @see https://cloud.google.com/storage/docs/retry-strategy
 * @module
 */

export interface BackoffOptions {
  baseDelayMs: number;
  maxDelayMs: number;
  /** Uniform source in [0, 1). */
  random: () => number;
}

/** The wait before retry number `retry` (1 = the first retry), in whole milliseconds. */
export function backoffDelay(retry: number, options: BackoffOptions): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, retry - 1));
  const r = Math.min(Math.max(options.random(), 0), 1);
  return Math.floor(ceiling * r);
}
