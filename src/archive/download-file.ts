/**
 * Downloads one signed URL to `<dir>/<name>`: `.part` first, resume with Range/If-Range,
 * retries from the last byte written, hash check, then an atomic rename.
 * @module
 */

import { rename } from "node:fs/promises";
import { DataPortabilityError } from "../errors.js";
import { redact } from "../redact.js";
import type { Backoff } from "./backoff.js";
import { abortedError, describeError, ioError } from "./fail.js";
import {
  type Cursor,
  findResumable,
  onDisk,
  refreshUrl,
  retryLater,
  saveMeta,
  startOver,
} from "./file-cursor.js";
import {
  type ExpectedHashes,
  type FileHashes,
  hashesToCompute,
  hashMismatch,
  parseGoogHash,
  StreamHasher,
} from "./goog-hash.js";
import { hashExisting, type OpenPartFile, partPath, removePart } from "./part-file.js";
import type { DownloadProgress } from "./progress.js";
import { classifyResponse } from "./response-kind.js";
import type { StorageGet, StorageResponse } from "./storage-response.js";
import { writeBody } from "./write-body.js";

/** A file written by `downloadArchive`. */
export interface ArchiveFile extends FileHashes {
  /** Safe file name inside `dir`. */
  name: string;
  /** Full path on disk. */
  path: string;
  size: number;
}

/** Everything one file download needs from its caller (already normalised). */
export interface FileTask {
  name: string;
  path: string;
  url: string;
  get: StorageGet;
  openPartFile: OpenPartFile;
  retry: Backoff & { attempts: number };
  signal: AbortSignal;
  /** Returns a signed URL for this file newer than `current`. */
  refreshUrl: (name: string, current: string) => Promise<string>;
  progress: (event: Omit<DownloadProgress, "phase" | "file" | "jobId">) => void;
}

export async function downloadFile(given: FileTask): Promise<ArchiveFile> {
  const cur: Cursor = {
    url: given.url,
    meta: undefined,
    hasher: undefined,
    resumeBytes: 0,
    totalBytes: undefined,
    refreshedWithoutProgress: false,
    freshStarts: 0,
    restarts: 0,
    failures: 0,
  };
  // Every event carries the file's size once known, so a progress bar can show percent and
  // ETA whichever event it sees first.
  const task: FileTask = {
    ...given,
    progress: (e) => given.progress({ ...e, totalBytes: e.totalBytes ?? cur.totalBytes }),
  };
  await findResumable(task, cur);
  for (;;) {
    if (task.signal.aborted) {
      throw abortedError(task.signal);
    }
    const offset = onDisk(cur);
    const etag = cur.meta?.etag;
    const headers: Record<string, string> = {};
    if (offset > 0) {
      headers.range = `bytes=${offset}-`;
      // If-Range needs a strong validator; with a weak one the ETag check still applies.
      if (etag !== undefined && !etag.startsWith("W/")) {
        headers["if-range"] = etag;
      }
    }
    let res: StorageResponse;
    try {
      // A plain GET, never the API client: signed URLs must not see an Authorization header.
      res = await task.get(cur.url, headers, task.signal);
    } catch (error) {
      await retryLater(task, cur, `network error: ${describeError(error)}`, undefined);
      continue;
    }
    const next = classifyResponse(res, { offset, etag });
    if (next.action !== "append" && next.action !== "replace") {
      await res.discard();
    }
    switch (next.action) {
      case "expired":
        await refreshUrl(task, cur, res.status);
        continue;
      case "retry":
        await retryLater(task, cur, next.reason, next.retryAfterMs);
        continue;
      case "restart":
        startOver(task, cur, next.reason);
        continue;
      case "fail":
        throw new DataPortabilityError({
          kind: "api",
          httpStatus: res.status,
          message: `Downloading ${task.name} failed: ${next.reason} from ${redact(cur.url)}.`,
        });
    }
    const expected = parseGoogHash(res.headers.get("x-goog-hash"));
    let hasher: StreamHasher;
    let before: number;
    let outcome: string | undefined;
    try {
      if (next.action === "replace") {
        startOver(task, cur, offset > 0 ? next.reason : undefined);
        cur.hasher = new StreamHasher(hashesToCompute(expected));
        await saveMeta(task, cur, res, next.totalBytes);
      } else if (cur.hasher === undefined) {
        // Continuing an earlier run's .part: its bytes must be part of the hash too.
        cur.hasher = new StreamHasher(hashesToCompute(expected));
        await hashExisting(partPath(task.path), cur.hasher);
        if (cur.hasher.bytes !== offset) {
          startOver(task, cur, "the .part file changed while resuming");
          continue;
        }
      }
      if (next.totalBytes !== undefined) {
        cur.totalBytes = next.totalBytes;
      }
      hasher = cur.hasher;
      before = hasher.bytes;
      outcome = await writeBody(res, task, hasher, before === 0 ? "truncate" : "append");
    } finally {
      // Never leave a connection open, whatever failed before the body was read.
      await res.discard();
    }
    if (hasher.bytes > before) {
      cur.failures = 0;
      cur.refreshedWithoutProgress = false;
    }
    const total = next.totalBytes;
    if (outcome !== undefined || (total !== undefined && hasher.bytes < total)) {
      await retryLater(task, cur, outcome ?? "the body ended early", undefined);
      continue;
    }
    const problem = check(hasher, total, expected);
    if (problem === undefined) {
      return finish(task, hasher);
    }
    await removePart(task.path);
    if (cur.freshStarts >= 1) {
      throw new DataPortabilityError({
        kind: "integrity",
        message: `${task.name} is corrupt after a fresh download (${problem}). Nothing was kept; run the export again later, or report it if it persists.`,
      });
    }
    task.progress({ event: "mismatch", bytes: 0, reason: problem });
    cur.freshStarts++;
    startOver(task, cur, undefined);
  }
}

function check(hasher: StreamHasher, total: number | undefined, expected: ExpectedHashes) {
  if (total !== undefined && hasher.bytes > total) {
    return `${hasher.bytes} bytes, the server said ${total}`;
  }
  return hashMismatch(expected, hasher.digest());
}

async function finish(task: FileTask, hasher: StreamHasher): Promise<ArchiveFile> {
  try {
    await rename(partPath(task.path), task.path);
  } catch (error) {
    throw ioError(task.path, error);
  }
  await removePart(task.path).catch(() => undefined);
  const size = hasher.bytes;
  task.progress({ event: "complete", bytes: size, totalBytes: size });
  return { name: task.name, path: task.path, size, ...hasher.digest() };
}
