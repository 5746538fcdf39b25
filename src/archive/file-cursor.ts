/**
 * The state of one file while it downloads, and the small transitions the download loop
 * makes on it: retry later, start over, refresh the URL.
 * @module
 */

import { DataPortabilityError } from "../errors.js";
import { redact } from "../redact.js";
import { delay } from "../util/delay.js";
import { backoffDelay } from "./backoff.js";
import type { FileTask } from "./download-file.js";
import { abortedError } from "./fail.js";
import type { StreamHasher } from "./goog-hash.js";
import type { PartMeta } from "./part-file.js";

export interface Cursor {
  url: string;
  /** What `<name>.part.json` says about the bytes in `<name>.part`. */
  meta: PartMeta | undefined;
  /**
   * Follows the bytes in the `.part` file. Created at the first answer (its `x-goog-hash`
   * decides the algorithms); a `.part` from an earlier run is hashed only once the server
   * agreed to continue it.
   */
  hasher: StreamHasher | undefined;
  /** Size of a `.part` from an earlier run, until `hasher` takes over. */
  resumeBytes: number;
  refreshed: boolean;
  freshStarts: number;
  failures: number;
}

/** Bytes safely in the `.part` file: where the next request continues. */
export const onDisk = (cur: Cursor): number => cur.hasher?.bytes ?? cur.resumeBytes;

export function startOver(task: FileTask, cur: Cursor, reason: string | undefined): void {
  if (reason !== undefined) {
    task.progress({ event: "restart", bytes: 0, reason });
  }
  cur.meta = undefined;
  cur.hasher = undefined;
  cur.resumeBytes = 0;
}

/** Gets a fresh signed URL once per file; a second expiry is an error. */
export async function refreshUrl(task: FileTask, cur: Cursor, status: number): Promise<void> {
  if (cur.refreshed) {
    throw new DataPortabilityError({
      kind: "api",
      httpStatus: status,
      message: `The download URL for ${task.name} was refused (HTTP ${status}) even after fetching a fresh one. Run the export again to resume from the bytes on disk.`,
    });
  }
  cur.refreshed = true;
  task.progress({ event: "refresh", bytes: onDisk(cur), reason: `HTTP ${status}` });
  cur.url = await task.refreshUrl(task.name);
}

/** Counts a failure without progress and waits before the next attempt, or gives up. */
export async function retryLater(
  task: FileTask,
  cur: Cursor,
  reason: string,
  retryAfterMs: number | undefined,
): Promise<void> {
  if (task.signal.aborted) {
    throw abortedError(task.signal);
  }
  cur.failures++;
  if (cur.failures > task.retry.attempts) {
    throw new DataPortabilityError({
      kind: "network",
      retryable: true,
      message: `Downloading ${task.name} failed ${cur.failures} times in a row (${redact(reason)}). ${onDisk(cur)} bytes are kept in ${task.name}.part; run the export again to resume.`,
    });
  }
  const delayMs = Math.min(
    retryAfterMs ?? backoffDelay(task.retry, cur.failures - 1),
    task.retry.maxMs,
  );
  task.progress({ event: "retry", bytes: onDisk(cur), reason, delayMs });
  await delay(delayMs, task.signal).catch(() => {
    throw abortedError(task.signal);
  });
}
