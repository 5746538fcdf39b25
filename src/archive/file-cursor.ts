/**
 * The state of one file while it downloads, and the small transitions the download loop
 * makes on it: pick up an earlier `.part`, record the object's ETag, retry later, start
 * over, refresh the URL.
 * @module
 */

import { stat, truncate } from "node:fs/promises";
import { DataPortabilityError } from "../errors.js";
import { redact } from "../redact.js";
import { delay } from "../util/delay.js";
import { backoffDelay } from "./backoff.js";
import type { FileTask } from "./download-file.js";
import { abortedError, ioError } from "./fail.js";
import type { StreamHasher } from "./goog-hash.js";
import { objectKey, type PartMeta, partPath, readPartMeta, writePartMeta } from "./part-file.js";
import type { StorageResponse } from "./storage-response.js";

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
  /** Size of the whole file, once a response or the `.part.json` said so. */
  totalBytes: number | undefined;
  /** A fresh URL was fetched and no byte has been written with it yet. */
  refreshedWithoutProgress: boolean;
  freshStarts: number;
  /** Starts from byte 0 forced by the server (Range ignored, object changed). */
  restarts: number;
  failures: number;
}

/** Bytes safely in the `.part` file: where the next request continues. */
export const onDisk = (cur: Cursor): number => cur.hasher?.bytes ?? cur.resumeBytes;

/** Server answers that force a new start, at most; a server that keeps doing it is broken. */
const MAX_RESTARTS = 5;

/** Drops the `.part` state; with a `reason` it is a restart forced by the server (counted). */
export function startOver(task: FileTask, cur: Cursor, reason: string | undefined): void {
  // A new start may fetch another object; its size comes with the next response.
  cur.totalBytes = undefined;
  if (reason !== undefined) {
    cur.restarts++;
    if (cur.restarts > MAX_RESTARTS) {
      throw new DataPortabilityError({
        kind: "api",
        message: `Downloading ${task.name} had to start over ${MAX_RESTARTS} times (last: ${reason}). The storage server is misbehaving; try again later.`,
      });
    }
    task.progress({ event: "restart", bytes: 0, reason });
  }
  cur.meta = undefined;
  cur.hasher = undefined;
  cur.resumeBytes = 0;
}

/**
 * Gets a fresh signed URL. A download may outlast several URL lifetimes, so this may happen
 * again, but only once bytes were written since the last refresh: a fresh URL that is
 * refused before any progress is an error, never a loop.
 */
export async function refreshUrl(task: FileTask, cur: Cursor, status: number): Promise<void> {
  if (cur.refreshedWithoutProgress) {
    throw new DataPortabilityError({
      kind: "api",
      httpStatus: status,
      message: `The download URL for ${task.name} was refused (HTTP ${status}) even after fetching a fresh one. Run the export again to resume from the bytes on disk.`,
    });
  }
  cur.refreshedWithoutProgress = true;
  task.progress({ event: "refresh", bytes: onDisk(cur), reason: `HTTP ${status}` });
  cur.url = await task.refreshUrl(task.name, cur.url);
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
    const kept = onDisk(cur);
    // Only claim a .part when bytes were written: before the first byte there is none.
    const next =
      kept > 0
        ? `${kept} bytes are kept in ${task.name}.part; run the export again to resume.`
        : "No bytes were received yet; run the export again to try once more.";
    throw new DataPortabilityError({
      kind: "network",
      retryable: true,
      message: `Downloading ${task.name} failed ${cur.failures} times in a row (${redact(reason)}). ${next}`,
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

/** A `.part` from an earlier run is continued only if it belongs to this URL's object. */
export async function findResumable(task: FileTask, cur: Cursor): Promise<void> {
  const meta = await readPartMeta(task.path);
  let size = await stat(partPath(task.path)).then(
    (s) => s.size,
    () => -1,
  );
  if (
    meta?.totalBytes !== undefined &&
    size >= meta.totalBytes &&
    meta.object === objectKey(task.url)
  ) {
    // Complete but never renamed (stopped in between): ask again for the last byte only, so
    // that the answer carries the object's hashes to check the whole file against.
    size = Math.max(0, meta.totalBytes - 1);
    await truncate(partPath(task.path), size).catch((e: unknown) => {
      throw ioError(partPath(task.path), e);
    });
  }
  if (meta !== undefined && size > 0 && meta.object === objectKey(task.url)) {
    cur.meta = meta;
    cur.resumeBytes = size;
    cur.totalBytes = meta.totalBytes;
    task.progress({ event: "resume", bytes: size, totalBytes: meta.totalBytes });
  } else {
    task.progress({ event: "start", bytes: 0 });
  }
}

export async function saveMeta(
  task: FileTask,
  cur: Cursor,
  res: StorageResponse,
  total: number | undefined,
) {
  const meta: PartMeta = {
    version: 1,
    object: objectKey(cur.url),
    etag: res.headers.get("etag") ?? undefined,
    lastModified: res.headers.get("last-modified") ?? undefined,
    totalBytes: total,
  };
  cur.meta = meta;
  try {
    await writePartMeta(task.path, meta);
  } catch (error) {
    await res.discard();
    throw ioError(`${task.path}.part.json`, error);
  }
}
