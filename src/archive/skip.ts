/**
 * Decides whether a file finished by an earlier run can be skipped.
 * @module
 */

import { stat } from "node:fs/promises";
import type { ArchiveFile } from "./download-file.js";

/**
 * The earlier record when `path` exists with the recorded size. Size only: re-hashing
 * gigabytes on every resume would cost more than it protects against.
 */
export async function fileOnDisk(
  path: string,
  record: ArchiveFile | undefined,
): Promise<ArchiveFile | undefined> {
  if (record === undefined) {
    return undefined;
  }
  const info = await stat(path).catch(() => undefined);
  return info?.isFile() && info.size === record.size ? { ...record, path } : undefined;
}
