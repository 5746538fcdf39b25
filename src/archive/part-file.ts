/**
 * The on-disk state of an unfinished download: `<name>.part` holds the bytes received so far
 * and `<name>.part.json` what is needed to resume them safely (the object's ETag and size),
 * so that a later process can continue with `Range` + `If-Range`.
 * @module
 */

import { createReadStream } from "node:fs";
import { open, readFile, rm, writeFile } from "node:fs/promises";
import type { StreamHasher } from "./goog-hash.js";

/** Where a download writes its bytes. Each `write` resolves once all its chunks are with the OS. */
export interface PartSink {
  write(chunks: readonly Uint8Array[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens a `.part` file for writing: `append` continues it, `truncate` starts it empty.
 * Replaceable (option `openPartFile`) for storage other than the local disk, and in tests to
 * inject a full disk.
 */
export type OpenPartFile = (path: string, mode: "append" | "truncate") => Promise<PartSink>;

/** The default {@link OpenPartFile}: a plain file handle; short writes are continued. */
export const openPartFileOnDisk: OpenPartFile = async (path, mode) => {
  const handle = await open(path, mode === "append" ? "a" : "w");
  return {
    async write(chunks) {
      let rest = chunks.filter((c) => c.length > 0);
      while (rest.length > 0) {
        let { bytesWritten } = await handle.writev(rest);
        // A short write: drop what went out and send the remainder.
        while (rest.length > 0 && bytesWritten >= (rest[0] as Uint8Array).length) {
          bytesWritten -= (rest[0] as Uint8Array).length;
          rest = rest.slice(1);
        }
        if (rest.length > 0 && bytesWritten > 0) {
          rest = [(rest[0] as Uint8Array).subarray(bytesWritten), ...rest.slice(1)];
        }
      }
    },
    close: () => handle.close(),
  };
};

/** Contents of `<name>.part.json`. */
export interface PartMeta {
  version: 1;
  /** Origin and path of the signed URL, without its query (no signature on disk). */
  object: string;
  etag?: string | undefined;
  lastModified?: string | undefined;
  totalBytes?: number | undefined;
}

export const partPath = (finalPath: string): string => `${finalPath}.part`;
export const metaPath = (finalPath: string): string => `${finalPath}.part.json`;

/** The URL without query or fragment: identifies the object without its signature. */
export function objectKey(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

export async function readPartMeta(finalPath: string): Promise<PartMeta | undefined> {
  try {
    const meta = JSON.parse(await readFile(metaPath(finalPath), "utf8")) as Partial<PartMeta>;
    return meta.version === 1 && typeof meta.object === "string" ? (meta as PartMeta) : undefined;
  } catch {
    return undefined;
  }
}

export async function writePartMeta(finalPath: string, meta: PartMeta): Promise<void> {
  await writeFile(metaPath(finalPath), `${JSON.stringify(meta)}\n`);
}

/** Removes the `.part` and `.part.json` of a file (missing files are fine). */
export async function removePart(finalPath: string): Promise<void> {
  await rm(partPath(finalPath), { force: true });
  await rm(metaPath(finalPath), { force: true });
}

/**
 * Feeds the bytes already in a `.part` file to `hasher` (the hash must cover the whole
 * object, and a hash state cannot be saved across processes). Returns the byte count.
 */
export async function hashExisting(path: string, hasher: StreamHasher): Promise<number> {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  for await (const chunk of stream) {
    hasher.update(chunk as Buffer);
  }
  return hasher.bytes;
}
