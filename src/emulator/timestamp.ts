/**
 * google.protobuf.Timestamp as proto3 JSON parses it: RFC 3339 with an upper-case `T`, 0–9
 * fractional digits, and `Z` or a `±hh:mm` offset (a time without a zone is refused). The
 * calendar fields must round-trip: `2025-02-30` is refused, where `Date.parse` would quietly
 * roll it over to March 2nd. Years run 0001–9999 and seconds stop at 59 (no leap seconds),
 * the range Timestamp allows.
 *
 * @see https://protobuf.dev/reference/protobuf/google.protobuf/#timestamp
 * @see https://www.rfc-editor.org/rfc/rfc3339#section-5.6
 * @module
 */

const SHAPE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:Z|([+-])(\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Milliseconds since the epoch, or undefined when `text` is not a valid Timestamp. */
export function parseTimestamp(text: string): number | undefined {
  const m = SHAPE.exec(text);
  if (m === null) {
    return undefined;
  }
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const offsetHours = Number(m[9] ?? 0);
  const offsetMinutes = Number(m[10] ?? 0);
  const valid =
    year >= 1 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHours <= 23 &&
    offsetMinutes <= 59;
  if (!valid) {
    return undefined;
  }
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  date.setUTCFullYear(year);
  const millis = Number((m[7] ?? "0").padEnd(3, "0").slice(0, 3));
  const sign = m[8] === "-" ? -1 : 1;
  return date.getTime() + millis - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
}
