/**
 * `--start` / `--end`: RFC 3339 timestamps or plain dates (midnight UTC), normalised to the
 * `Z` form the API documents.
 * @module
 */
import { DataPortabilityError } from "../errors.js";

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Returns the ISO string for a flag value, `undefined` when absent; throws a usage error. */
export function parseTimeFlag(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  const text = value.trim();
  const time = DATE.test(text)
    ? Date.parse(`${text}T00:00:00Z`)
    : RFC3339.test(text)
      ? Date.parse(text)
      : Number.NaN;
  if (Number.isNaN(time)) {
    throw new DataPortabilityError({
      kind: "usage",
      message: `${flag} "${value}" is not a date; use RFC 3339 (2025-01-31T12:00:00Z) or YYYY-MM-DD`,
    });
  }
  return new Date(time).toISOString();
}
