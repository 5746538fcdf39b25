/**
 * Streams one response body into a `.part` file, one chunk in memory at a time: each chunk is
 * hashed only after the OS accepted it, so the hasher's byte count is always the number of
 * bytes safely in the file, which is where a retry continues.
 * @module
 */

import type { FileTask } from "./download-file.js";
import { abortedError, describeError, ioError } from "./fail.js";
import type { StreamHasher } from "./goog-hash.js";
import { type PartSink, partPath } from "./part-file.js";

/** Emit a `data` event at least every this many bytes (and for the first chunk). */
const PROGRESS_EVERY = 1 << 20;

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
  let reported = -1;
  const report = () => {
    reported = hasher.bytes;
    task.progress({ event: "data", bytes: hasher.bytes });
  };
  try {
    if (reader === undefined) {
      return undefined;
    }
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch (error) {
        if (task.signal.aborted) {
          throw abortedError(task.signal);
        }
        return `connection lost after ${hasher.bytes} bytes: ${describeError(error)}`;
      }
      if (chunk.done) {
        break;
      }
      try {
        await sink.write(chunk.value);
      } catch (error) {
        throw ioError(file, error);
      }
      hasher.update(chunk.value);
      if (reported < 0 || hasher.bytes - reported >= PROGRESS_EVERY) {
        report();
      }
    }
    if (reported !== hasher.bytes) {
      report();
    }
    return undefined;
  } finally {
    await reader?.cancel().catch(() => undefined);
  }
}
