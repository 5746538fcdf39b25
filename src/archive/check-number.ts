/**
 * Checks numeric options once, where they are normalised: NaN, Infinity or a negative number
 * would otherwise slip through `Math.max`/`??` and turn into a busy loop or a wait that never
 * ends.
 * @module
 */

import { usageError } from "./fail.js";

export interface NumberRule {
  /** Smallest allowed value. */
  min: number;
  /** Whether `min` itself is allowed. @default true */
  inclusive?: boolean;
  /** Largest allowed value. @default Infinity (but the value must be finite) */
  max?: number;
  /** Whole numbers only. @default false */
  integer?: boolean;
}

/** `value` when it is a finite number that fits `rule`, `fallback` when absent; else "usage". */
export function checkNumber(
  name: string,
  value: number | undefined,
  fallback: number,
  rule: NumberRule,
): number {
  if (value === undefined) {
    return fallback;
  }
  const { min, inclusive = true, max = Number.POSITIVE_INFINITY, integer = false } = rule;
  const ok =
    typeof value === "number" &&
    Number.isFinite(value) &&
    (inclusive ? value >= min : value > min) &&
    value <= max &&
    (!integer || Number.isInteger(value));
  if (!ok) {
    const range = `${integer ? "a whole number" : "a finite number"} ${inclusive ? "≥" : ">"} ${min}${max < Number.POSITIVE_INFINITY ? ` and ≤ ${max}` : ""}`;
    throw usageError(
      `${name} must be ${range}, not ${String(value)}: fix it or leave it out for the default.`,
    );
  }
  return value;
}
