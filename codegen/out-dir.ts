/**
 * Output directories (`--out`, `--generated`, `--snapshots`): checked before anything is
 * written, so that a bad one is reported as one line naming the path and the problem, and a
 * run that fails leaves no partial output behind. Checking does not create anything.
 */
import { accessSync, constants, mkdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { CodegenError } from "./errors.js";

const WORDS: Record<string, string> = {
  ENOTDIR: "a parent is not a directory",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  ENOENT: "cannot be created here",
  ENOSPC: "no space left on device",
};

function rawCode(error: unknown): string {
  return typeof error === "object" && error !== null && "code" in error
    ? String(error.code)
    : String(error);
}

/** `ENOTDIR` → `a parent is not a directory, ENOTDIR`. */
function code(error: unknown): string {
  const name = rawCode(error);
  return WORDS[name] === undefined ? name : `${WORDS[name]}, ${name}`;
}

/** Throws a one-line error if `dir` cannot be (created and) written to. */
export function checkOutputDir(dir: string, flag: string): void {
  // Walk up to the nearest path that exists: it must be a directory we may write into.
  let existing = resolve(dir);
  for (;;) {
    try {
      const stat = statSync(existing);
      if (!stat.isDirectory()) {
        const what = existing === resolve(dir) ? dir : existing;
        throw new CodegenError("", `${what}: exists and is not a directory (${flag} needs one)`);
      }
      break;
    } catch (error) {
      if (error instanceof CodegenError) {
        throw error;
      }
      if (rawCode(error) !== "ENOENT" || dirname(existing) === existing) {
        throw new CodegenError("", `${dir}: unusable as ${flag} (${code(error)})`);
      }
      existing = dirname(existing);
    }
  }
  try {
    accessSync(existing, constants.W_OK);
  } catch (error) {
    throw new CodegenError("", `${dir}: not writable (${code(error)}); choose another ${flag}`);
  }
}

/** Creates `dir` one level at a time (a recursive mkdir can spin on /proc) and writes `files`. */
export function writeOutput(dir: string, files: ReadonlyMap<string, string>, flag: string): void {
  checkOutputDir(dir, flag);
  const missing: string[] = [];
  for (let d = resolve(dir); !exists(d); d = dirname(d)) {
    missing.unshift(d);
  }
  try {
    for (const d of missing) {
      mkdirSync(d);
    }
    for (const [name, text] of files) {
      writeFileSync(join(dir, name), text);
    }
  } catch (error) {
    throw new CodegenError("", `${dir}: cannot write ${flag} (${code(error)})`);
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
