/**
 * Streams one response body into a `.part` file with bounded memory: chunks are hashed as
 * they arrive and written in batches of about 1 MiB, one batch in flight at a time. Whenever
 * `writeBody` returns, every hashed byte is in the file, so the hasher's byte count is where
 * a retry continues. A failed write ends the download (kind "io"), and with it this hasher.
 * @module
 */

import type { FileTask } from "./download-file.js";
import { abortedError, describeError, ioError } from "./fail.js";
import type { StreamHasher } from "./goog-hash.js";
import { type PartSink, partPath } from "./part-file.js";

/** Emit a `data` event at least every this many bytes (and for the first chunk). */
const PROGRESS_EVERY = 1 << 20;
/** Chunks are collected up to this size and written with one call. */
const BATCH_BYTES = 1 << 20;

/**
 * Writes `res.body` after what `hasher` has seen. Resolves `undefined` when the body ended,
 * or a reason string when the connection failed mid-body (the caller retries from
 * `hasher.bytes`). Throws kind "io" when the file cannot be written and "aborted" on abort.
 */
export async function writeBody(
  res: Response,
  task: Pick<FileTask, "path" | "openPartFile" | "signal" | "progress">,
  hasher: StreamHasher,
  mode: "append" | "truncate",
): Promise<string | undefined> {
  const file = partPath(task.path);
  let sink: PartSink;
  try {
    sink = await task.openPartFile(file, mode);
  } catch (error) {
    await res.body?.cancel().catch(() => undefined);
    throw ioError(file, error);
  }
  let result: string | undefined;
  try {
    result = await pump(res, task, hasher, sink, file);
  } catch (error) {
    await sink.close().catch(() => undefined);
    throw error;
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
  res: Response,
  task: Pick<FileTask, "signal" | "progress">,
  hasher: StreamHasher,
  sink: PartSink,
  file: string,
): Promise<string | undefined> {
  const reader = res.body?.getReader();
  if (reader === undefined) {
    return undefined;
  }
  let onDisk = hasher.bytes;
  let reported = -1;
  let batch: Uint8Array[] = [];
  let batchBytes = 0;
  let inflight: Promise<void> = Promise.resolve();
  // One batch is written while the next is read and hashed; at most two are held.
  const flush = async (): Promise<void> => {
    await inflight;
    if (batchBytes === 0) {
      return;
    }
    const chunks = batch;
    const size = batchBytes;
    batch = [];
    batchBytes = 0;
    inflight = sink.write(chunks).then(
      () => {
        onDisk += size;
        if (reported < 0 || onDisk - reported >= PROGRESS_EVERY) {
          reported = onDisk;
          task.progress({ event: "data", bytes: onDisk });
        }
      },
      (error: unknown) => {
        throw ioError(file, error);
      },
    );
    // Seen at the next flush or in settle(); until then it must not count as unhandled.
    inflight.catch(() => undefined);
  };
  const settle = async (): Promise<void> => {
    await flush();
    await inflight;
    if (reported !== onDisk) {
      reported = onDisk;
      task.progress({ event: "data", bytes: onDisk });
    }
  };
  try {
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch (error) {
        if (task.signal.aborted) {
          throw abortedError(task.signal);
        }
        await settle();
        return `connection lost after ${hasher.bytes} bytes: ${describeError(error)}`;
      }
      if (chunk.done) {
        break;
      }
      hasher.update(chunk.value);
      batch.push(chunk.value);
      batchBytes += chunk.value.length;
      if (batchBytes >= BATCH_BYTES || reported < 0) {
        await flush();
      }
    }
    await settle();
    return undefined;
  } finally {
    await inflight.catch(() => undefined);
    await reader.cancel().catch(() => undefined);
  }
}
