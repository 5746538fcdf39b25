/**
 * `--start` / `--end`: RFC 3339 timestamps with a zone, or plain dates (midnight UTC),
 * normalised to the `Z` form the API documents by the library's one parser.
 * @module
 */
import { parseTimestamp } from "../util/time.js";

/** Returns the ISO string for a flag value, `undefined` when absent; throws a usage error. */
export function parseTimeFlag(flag: string, value: string | undefined): string | undefined {
  return value === undefined ? undefined : parseTimestamp(value, flag, { allowDate: true });
}
