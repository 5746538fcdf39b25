/**
 * The emulator's clock: wall time plus an offset that tests move forward, so that token expiry,
 * URL expiry and the 24-hour time-based limit can be exercised without waiting.
 * @module
 */

export interface EmulatorClock {
  /** Milliseconds since the epoch, as the emulator sees them. */
  now(): number;
  /** Moves the clock forward by `ms` (never backward). */
  advance(ms: number): void;
}

/** A clock that follows `source` (default `Date.now`) plus whatever has been advanced. */
export function createClock(source: () => number = Date.now): EmulatorClock {
  let offset = 0;
  return {
    now: () => source() + offset,
    advance(ms: number) {
      if (ms > 0) {
        offset += ms;
      }
    },
  };
}

/** RFC 3339 with a `Z` and millisecond precision, the way the API renders Timestamps. */
export function toTimestamp(ms: number): string {
  return new Date(ms).toISOString();
}
