/**
 * Streams one response body into a `.part` file with bounded memory: each chunk is hashed and
 * written before the next is read (the transport may reuse a chunk's buffer, and waiting for
 * the disk is what keeps a fast network from piling data up in memory). Whenever `writeBody`
 * returns, every hashed byte is in the file, so the hasher's byte count is where a retry
 * continues. A failed write ends the download (kind "io"), and with it this hasher.
 * @module
 */

import type { FileTask } from "./download-file.js";
import { abortedError, describeError, ioError } from "./fail.js";
import type { StreamHasher } from "./goog-hash.js";
import { type PartSink, partPath } from "./part-file.js";
import type { StorageResponse } from "./storage-response.js";

/** Emit a `data` event after this many bytes (and for the first chunk)... */
const PROGRESS_EVERY_BYTES = 1 << 20;
/** ...or after this long, whichever comes first, so a slow link still moves the bar. */
const PROGRESS_EVERY_MS = 250;

/**
 * Writes `res.body` after what `hasher` has seen. Resolves `undefined` when the body ended,
 * or a reason string when the connection failed mid-body (the caller retries from
 * `hasher.bytes`). Throws kind "io" when the file cannot be written and "aborted" on abort.
 */
export async function writeBody(
  res: StorageResponse,
  task: Pick<FileTask, "path" | "openPartFile" | "signal" | "progress">,
  hasher: StreamHasher,
  mode: "append" | "truncate",
): Promise<string | undefined> {
  const file = partPath(task.path);
  let sink: PartSink;
  try {
    sink = await task.openPartFile(file, mode);
  } catch (error) {
    await res.discard();
    throw ioError(file, error);
  }
  let result: string | undefined;
  try {
    result = await pump(res, task, hasher, sink, file);
  } catch (error) {
    await sink.close().catch(() => undefined);
    throw error;
  } finally {
    await res.discard();
  }
  try {
    await sink.close();
  } catch (error) {
    // Some file systems report a full disk only when the file is closed.
    throw ioError(file, error);
  }
  return result;
}

async function pump(
  res: StorageResponse,
  task: Pick<FileTask, "signal" | "progress">,
  hasher: StreamHasher,
  sink: PartSink,
  file: string,
): Promise<string | undefined> {
  let reported = -1;
  let reportedAt = 0;
  const report = () => {
    reported = hasher.bytes;
    reportedAt = Date.now();
    task.progress({ event: "data", bytes: reported });
  };
  const body = res.body[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<Uint8Array>;
    try {
      next = await body.next();
    } catch (error) {
      if (task.signal.aborted) {
        throw abortedError(task.signal);
      }
      if (reported !== hasher.bytes) {
        report();
      }
      return `connection lost after ${hasher.bytes} bytes: ${describeError(error)}`;
    }
    if (next.done) {
      break;
    }
    const chunk = next.value;
    if (chunk.length === 0) {
      continue;
    }
    hasher.update(chunk);
    try {
      await sink.write([chunk]);
    } catch (error) {
      throw ioError(file, error);
    }
    if (
      reported < 0 ||
      hasher.bytes - reported >= PROGRESS_EVERY_BYTES ||
      Date.now() - reportedAt >= PROGRESS_EVERY_MS
    ) {
      report();
    }
  }
  if (reported !== hasher.bytes) {
    report();
  }
  return undefined;
}
