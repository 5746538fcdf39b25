/**
 * Downloads one signed URL to `<dir>/<name>`: `.part` first, resume with Range/If-Range,
 * retries from the last byte written, hash check, then an atomic rename.
 * @module
 */

import { rename, stat } from "node:fs/promises";
import { DataPortabilityError } from "../errors.js";
import { redact } from "../redact.js";
import { delay } from "../util/delay.js";
import { type Backoff, backoffDelay } from "./backoff.js";
import type { FetchRequest } from "./download-options.js";
import { abortedError, describeError, ioError } from "./fail.js";
import { type FileHashes, hashMismatch, parseGoogHash, StreamHasher } from "./goog-hash.js";
import {
  hashExisting,
  type OpenPartFile,
  objectKey,
  type PartMeta,
  partPath,
  readPartMeta,
  removePart,
  writePartMeta,
} from "./part-file.js";
import type { DownloadProgress } from "./progress.js";
import { classifyResponse } from "./response-kind.js";
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
  fetch: FetchRequest;
  openPartFile: OpenPartFile;
  retry: Backoff & { attempts: number };
  signal: AbortSignal;
  /** Returns a fresh signed URL for this file; called at most once per file. */
  refreshUrl: (name: string) => Promise<string>;
  progress: (event: Omit<DownloadProgress, "phase" | "file" | "jobId">) => void;
}

/** Mutable state of one file while it downloads. */
interface Cursor {
  url: string;
  meta: PartMeta | undefined;
  hasher: StreamHasher;
  refreshed: boolean;
  freshStarts: number;
  failures: number;
}

export async function downloadFile(task: FileTask): Promise<ArchiveFile> {
  const cur: Cursor = {
    url: task.url,
    meta: await resumable(task),
    hasher: new StreamHasher(),
    refreshed: false,
    freshStarts: 0,
    failures: 0,
  };
  if (cur.meta) {
    await hashExisting(partPath(task.path), cur.hasher);
    task.progress({ event: "resume", bytes: cur.hasher.bytes, totalBytes: cur.meta.totalBytes });
  } else {
    task.progress({ event: "start", bytes: 0 });
  }
  for (;;) {
    if (task.signal.aborted) {
      throw abortedError(task.signal);
    }
    const offset = cur.hasher.bytes;
    const etag = cur.meta?.etag;
    const headers: Record<string, string> = {};
    if (offset > 0) {
      headers.range = `bytes=${offset}-`;
      // If-Range needs a strong validator; with a weak one the ETag check below still applies.
      if (etag !== undefined && !etag.startsWith("W/")) {
        headers["if-range"] = etag;
      }
    }
    let res: Response;
    try {
      // Plain fetch, no client: signed URLs must never see an Authorization header.
      res = await task.fetch(
        new Request(cur.url, { headers, signal: task.signal, redirect: "follow" }),
      );
    } catch (error) {
      await retryLater(task, cur, `network error: ${describeError(error)}`, undefined);
      continue;
    }
    const next = classifyResponse(res, { offset, etag });
    if (next.action !== "append" && next.action !== "replace") {
      await res.body?.cancel().catch(() => undefined);
    }
    switch (next.action) {
      case "expired":
        await refresh(task, cur, res.status);
        continue;
      case "retry":
        await retryLater(task, cur, next.reason, next.retryAfterMs);
        continue;
      case "restart":
        await startOver(task, cur, next.reason);
        continue;
      case "fail":
        throw new DataPortabilityError({
          kind: "api",
          httpStatus: res.status,
          message: `Downloading ${task.name} failed: ${next.reason} from ${redact(cur.url)}.`,
        });
    }
    if (next.action === "replace" && offset > 0) {
      await startOver(task, cur, next.reason ?? "starting over");
    }
    if (next.action === "replace" || cur.meta === undefined) {
      cur.meta = {
        version: 1,
        object: objectKey(cur.url),
        etag: res.headers.get("etag") ?? undefined,
        lastModified: res.headers.get("last-modified") ?? undefined,
        totalBytes: next.totalBytes,
      };
      await writePartMeta(task.path, cur.meta).catch((e: unknown) => {
        throw ioError(`${task.path}.part.json`, e);
      });
    }
    const before = cur.hasher.bytes;
    const outcome = await writeBody(res, task, cur.hasher, before === 0 ? "truncate" : "append");
    if (cur.hasher.bytes > before) {
      cur.failures = 0;
    }
    const total = next.totalBytes;
    if (outcome !== undefined || (total !== undefined && cur.hasher.bytes < total)) {
      await retryLater(task, cur, outcome ?? "the body ended early", undefined);
      continue;
    }
    const hashes = cur.hasher.digest();
    const mismatch =
      total !== undefined && cur.hasher.bytes > total
        ? `${cur.hasher.bytes} bytes, the server said ${total}`
        : hashMismatch(parseGoogHash(res.headers.get("x-goog-hash")), hashes);
    if (mismatch !== undefined) {
      await removePart(task.path);
      if (cur.freshStarts >= 1) {
        throw new DataPortabilityError({
          kind: "integrity",
          message: `${task.name} is corrupt after a fresh download (${mismatch}). Nothing was kept; run the export again later, or report it if it persists.`,
        });
      }
      task.progress({ event: "mismatch", bytes: 0, reason: mismatch });
      cur.freshStarts++;
      cur.meta = undefined;
      cur.hasher = new StreamHasher();
      continue;
    }
    return finish(task, cur, hashes);
  }
}

/** The part file's meta when the part can be continued for this URL's object. */
async function resumable(task: FileTask): Promise<PartMeta | undefined> {
  const meta = await readPartMeta(task.path);
  const size = await stat(partPath(task.path)).then(
    (s) => s.size,
    () => -1,
  );
  if (meta === undefined || size <= 0 || meta.object !== objectKey(task.url)) {
    return undefined;
  }
  return meta;
}

async function finish(task: FileTask, cur: Cursor, hashes: FileHashes): Promise<ArchiveFile> {
  try {
    await rename(partPath(task.path), task.path);
  } catch (error) {
    throw ioError(task.path, error);
  }
  await removePart(task.path).catch(() => undefined);
  const size = cur.hasher.bytes;
  task.progress({ event: "complete", bytes: size, totalBytes: size });
  return { name: task.name, path: task.path, size, ...hashes };
}

async function startOver(task: FileTask, cur: Cursor, reason: string): Promise<void> {
  task.progress({ event: "restart", bytes: 0, reason });
  cur.meta = undefined;
  cur.hasher = new StreamHasher();
}

async function refresh(task: FileTask, cur: Cursor, status: number): Promise<void> {
  if (cur.refreshed) {
    throw new DataPortabilityError({
      kind: "api",
      httpStatus: status,
      message: `The download URL for ${task.name} was refused (HTTP ${status}) even after fetching a fresh one. Run the export again to resume from the bytes on disk.`,
    });
  }
  cur.refreshed = true;
  task.progress({ event: "refresh", bytes: cur.hasher.bytes, reason: `HTTP ${status}` });
  cur.url = await task.refreshUrl(task.name);
}

async function retryLater(
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
      message: `Downloading ${task.name} failed ${cur.failures} times in a row (${redact(reason)}). ${cur.hasher.bytes} bytes are kept in ${task.name}.part; run the export again to resume.`,
    });
  }
  const delayMs = Math.min(
    retryAfterMs ?? backoffDelay(task.retry, cur.failures - 1),
    task.retry.maxMs,
  );
  task.progress({ event: "retry", bytes: cur.hasher.bytes, reason, delayMs });
  await delay(delayMs, task.signal).catch(() => {
    throw abortedError(task.signal);
  });
}
