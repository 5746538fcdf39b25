/**
 * The one timestamp parser for `startTime`/`endTime` and the CLI's `--start`/`--end`. It is
 * strict where `Date.parse` is lenient: it needs an explicit zone (a zoneless time would mean
 * the machine's zone) and refuses calendar dates that do not exist instead of shifting them
 * (`Date.parse` reads 2025-02-30 as March 2).
 * @module
 */

import { DataPortabilityError } from "../errors.js";

export interface ParseTimestampOptions {
  /**
   * Also accept a plain `YYYY-MM-DD`, meaning midnight UTC of that day (the CLI's flags).
   * @default false
   */
  allowDate?: boolean | undefined;
}

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

function invalid(field: string, input: unknown, allowDate: boolean, why: string): never {
  const forms = allowDate
    ? "RFC 3339 with a zone (2025-01-31T12:00:00Z, 2025-01-31T12:00:00+02:00) or YYYY-MM-DD (midnight UTC)"
    : "RFC 3339 with a zone, e.g. 2025-01-31T12:00:00Z or 2025-01-31T12:00:00+02:00, or a valid Date";
  const shown = input instanceof Date ? "an invalid Date" : JSON.stringify(String(input));
  throw new DataPortabilityError({
    kind: "usage",
    message: `${field} ${shown} is not a valid timestamp (${why}): use ${forms}.`,
  });
}

/** The UTC instant of wall-clock fields, or NaN when a field is out of range (Feb 30, 24:00). */
function instant(fields: readonly number[]): number {
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, ms = 0] = fields;
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, keeps years 0-99 as written.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  const back = [
    date.getUTCFullYear(),
    date.getUTCMonth() + 1,
    date.getUTCDate(),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
  ];
  const given = [year, month, day, hour, minute, second];
  return back.every((value, i) => value === given[i]) ? date.getTime() : Number.NaN;
}

/**
 * Parses a `Date` or an RFC 3339 string with `Z` or an offset and returns the instant as
 * `toISOString()` UTC text (e.g. `2025-01-31T10:00:00.000Z`); fractions beyond milliseconds are
 * truncated. `field` names the input in the usage error thrown for anything else: no zone,
 * a date or time that does not exist, an invalid Date.
 */
export function parseTimestamp(
  input: Date | string,
  field: string,
  options: ParseTimestampOptions = {},
): string {
  const allowDate = options.allowDate ?? false;
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) {
      invalid(field, input, allowDate, "invalid Date");
    }
    return input.toISOString();
  }
  if (typeof input !== "string") {
    invalid(field, input, allowDate, "not a string or Date");
  }
  const text = input.trim();
  const dateOnly = allowDate ? DATE_ONLY.exec(text) : null;
  if (dateOnly) {
    const ms = instant(dateOnly.slice(1, 4).map(Number));
    return Number.isNaN(ms)
      ? invalid(field, input, allowDate, "no such date")
      : new Date(ms).toISOString();
  }
  const match = RFC3339.exec(text);
  if (!match) {
    const why = /^\d{4}-\d{2}-\d{2}[Tt][\d:.]+$/.test(text) ? "no time zone" : "wrong form";
    invalid(field, input, allowDate, why);
  }
  const [, y, mo, d, h, mi, s, fraction = "", , sign, oh = "0", om = "0"] = match;
  const ms = Number(fraction.padEnd(3, "0").slice(0, 3));
  const local = instant([y, mo, d, h, mi, s].map(Number).concat(ms));
  if (Number.isNaN(local)) {
    invalid(field, input, allowDate, "no such date or time");
  }
  if (Number(oh) > 23 || Number(om) > 59) {
    invalid(field, input, allowDate, "invalid offset");
  }
  const offset = sign ? (sign === "-" ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60_000 : 0;
  return new Date(local - offset).toISOString();
}

/** What {@link parseTimeRange} calls the two ends in its errors. */
export interface TimeRangeNames {
  start: string;
  end: string;
}

/**
 * Both ends of a time filter, each through {@link parseTimestamp}; either may be absent. Throws
 * a usage error unless the start is before the end, so the library and the CLI agree on it.
 */
export function parseTimeRange(
  range: { start?: Date | string | undefined; end?: Date | string | undefined },
  names: TimeRangeNames = { start: "startTime", end: "endTime" },
  options: ParseTimestampOptions = {},
): { startTime: string | undefined; endTime: string | undefined } {
  const startTime =
    range.start === undefined ? undefined : parseTimestamp(range.start, names.start, options);
  const endTime =
    range.end === undefined ? undefined : parseTimestamp(range.end, names.end, options);
  if (
    startTime !== undefined &&
    endTime !== undefined &&
    Date.parse(startTime) >= Date.parse(endTime)
  ) {
    throw new DataPortabilityError({
      kind: "usage",
      message: `${names.start} is after ${names.end} or equal to it (${startTime}, ${endTime}): swap them.`,
    });
  }
  return { startTime, endTime };
}
