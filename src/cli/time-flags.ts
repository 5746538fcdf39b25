/**
 * `--start` / `--end`: RFC 3339 timestamps with a zone, or plain dates (midnight UTC),
 * normalised to the `Z` form the API documents by the library's one parser.
 * @module
 */
import { parseTimeRange } from "../util/time.js";

/** The ISO strings for `--start`/`--end` (each `undefined` when absent); throws a usage error. */
export function parseTimeFlags(start: string | undefined, end: string | undefined) {
  return parseTimeRange({ start, end }, { start: "--start", end: "--end" }, { allowDate: true });
}
