/**
 * Checks an output directory before any request, so a bad `dir` fails fast and clearly.
 * @module
 */

import { randomBytes } from "node:crypto";
import { mkdir, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { usageError } from "./fail.js";

/** Creates `dir` if needed and proves it writable with a probe file (access() lies to root). */
export async function ensureWritableDir(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (info !== undefined && !info.isDirectory()) {
    throw usageError(`${dir} is a file, not a directory: choose a directory for the export.`);
  }
  if (info === undefined) {
    await createDir(dir);
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

/**
 * Creates `dir` and its missing parents one level at a time. Not `mkdir(recursive)`: on
 * Linux it never settles under /proc (each level answers ENOENT, which it retries forever).
 */
async function createDir(dir: string): Promise<void> {
  const missing: string[] = [];
  let at = resolve(dir);
  for (;;) {
    const info = await stat(at).catch((error: NodeJS.ErrnoException) =>
      error.code === "ENOENT" ? undefined : cannotCreate(dir, error),
    );
    if (info !== undefined) {
      if (!info.isDirectory()) {
        cannotCreate(dir, Object.assign(new Error(`${at} is a file`), { code: "ENOTDIR" }));
      }
      break;
    }
    missing.unshift(at);
    const parent = dirname(at);
    if (parent === at) {
      break;
    }
    at = parent;
  }
  for (const level of missing) {
    try {
      await mkdir(level);
    } catch (error) {
      // Another process may have created it meanwhile; anything else is final.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        cannotCreate(dir, error);
      }
    }
  }
}

function cannotCreate(dir: string, error: unknown): never {
  throw usageError(
    `Cannot create the directory ${dir} (${(error as NodeJS.ErrnoException).code ?? error}): choose a writable place.`,
    error,
  );
}
