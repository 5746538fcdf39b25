/**
 * Delay maths shared by polling and download retries: exponential growth, a ceiling, and
 * jitter so that many clients do not poll in step.
 * @module
 */

/** Normalised backoff settings. */
export interface Backoff {
  /** First delay in ms. */
  initialMs: number;
  /** Growth per step. */
  factor: number;
  /** Ceiling in ms (applied before jitter). */
  maxMs: number;
  /** Fraction of the delay that is randomised, 0..1: 0.2 gives ±20 %. */
  jitter: number;
}

/** Delay before step `n` (0-based): `initialMs × factor^n`, capped, then jittered. */
export function backoffDelay(b: Backoff, n: number, random: () => number = Math.random): number {
  const base = Math.min(b.maxMs, b.initialMs * b.factor ** Math.max(0, n));
  const spread = base * Math.min(1, Math.max(0, b.jitter));
  return Math.max(0, Math.round(base - spread + random() * 2 * spread));
}
