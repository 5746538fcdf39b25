/**
 * Checks an output directory before any request, so a bad `dir` fails fast and clearly.
 * @module
 */

import { randomBytes } from "node:crypto";
import { mkdir, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { usageError } from "./fail.js";

/** Creates `dir` if needed and proves it writable with a probe file (access() lies to root). */
export async function ensureWritableDir(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (info !== undefined && !info.isDirectory()) {
    throw usageError(`${dir} is a file, not a directory: choose a directory for the export.`);
  }
  if (info === undefined) {
    try {
      await mkdir(dir, { recursive: true });
    } catch (error) {
      throw usageError(
        `Cannot create the directory ${dir} (${(error as NodeJS.ErrnoException).code ?? error}): choose a writable place.`,
        error,
      );
    }
  }
  const probe = join(dir, `.write-test-${randomBytes(4).toString("hex")}`);
  try {
    await writeFile(probe, "");
  } catch (error) {
    throw usageError(
      `${dir} is not writable (${(error as NodeJS.ErrnoException).code ?? error}): fix its permissions or choose another directory.`,
      error,
    );
  } finally {
    await rm(probe, { force: true }).catch(() => undefined);
  }
}
