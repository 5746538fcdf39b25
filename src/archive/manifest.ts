/**
 * `<dir>/export.json`: what an export run has done so far, written right after the job is
 * initiated and after each verified file, always by atomic rename. A later run in the same
 * directory reads it to continue the same job and skip finished files.
 * @module
 */

import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ExportRequest } from "./export-input.js";
import { ioError, usageError } from "./fail.js";
import type { FileHashes } from "./goog-hash.js";

export const MANIFEST_NAME = "export.json";

/** A verified file, as recorded in the manifest (paths are relative to the manifest's dir). */
export interface ManifestFile extends FileHashes {
  name: string;
  size: number;
}

/** Contents of `export.json`. */
export interface ExportManifest {
  version: 1;
  jobId: string;
  /** Sorted, without duplicates. */
  resources: string[];
  startTime?: string | undefined;
  endTime?: string | undefined;
  /** `ACCESS_TYPE_ONE_TIME` / `ACCESS_TYPE_TIME_BASED` when initiate reported it. */
  accessType?: string | undefined;
  /** The last job state seen (`INITIATED` before the first read). */
  state: string;
  exportTime?: string | undefined;
  files: ManifestFile[];
  /** True once every file is on disk and verified. */
  complete: boolean;
  updatedAt: string;
}

export const manifestPath = (dir: string): string => join(dir, MANIFEST_NAME);

/** The manifest in `dir`, or undefined when there is none. */
export async function readManifest(dir: string): Promise<ExportManifest | undefined> {
  let text: string;
  try {
    text = await readFile(manifestPath(dir), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      return undefined;
    }
    throw ioError(manifestPath(dir), error);
  }
  let data: Partial<ExportManifest> | undefined;
  try {
    data = JSON.parse(text) as Partial<ExportManifest>;
  } catch {
    data = undefined;
  }
  if (data?.version !== 1 || typeof data.jobId !== "string" || !Array.isArray(data.resources)) {
    throw usageError(
      `${manifestPath(dir)} is not an export manifest of this tool: move it away or choose another directory.`,
    );
  }
  return { ...data, files: Array.isArray(data.files) ? data.files : [] } as ExportManifest;
}

/** Writes the manifest through a temporary file and a rename, so it is never half-written. */
export async function writeManifest(dir: string, manifest: ExportManifest): Promise<void> {
  const target = manifestPath(dir);
  const temp = `${target}.${process.pid}.tmp`;
  try {
    await writeFile(temp, `${JSON.stringify(manifest, null, 2)}\n`);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw ioError(target, error);
  }
}

/** Serialises updates so concurrent file completions never lose each other's entries. */
export class ManifestWriter {
  #chain: Promise<void> = Promise.resolve();
  #current: ExportManifest;
  readonly #dir: string;

  constructor(dir: string, initial: ExportManifest) {
    this.#dir = dir;
    this.#current = initial;
  }

  get current(): ExportManifest {
    return this.#current;
  }

  update(change: (m: ExportManifest) => Partial<ExportManifest>): Promise<void> {
    const run = async () => {
      this.#current = {
        ...this.#current,
        ...change(this.#current),
        updatedAt: new Date().toISOString(),
      };
      await writeManifest(this.#dir, this.#current);
    };
    const next = this.#chain.then(run, run);
    this.#chain = next.catch(() => undefined);
    return next;
  }
}

/** The manifest written right after a job was initiated or adopted. */
export function newManifest(
  jobId: string,
  request: ExportRequest,
  accessType: string | undefined,
): ExportManifest {
  return {
    version: 1,
    jobId,
    resources: request.resources,
    startTime: request.startTime,
    endTime: request.endTime,
    accessType,
    state: "INITIATED",
    files: [],
    complete: false,
    updatedAt: new Date().toISOString(),
  };
}

/** The manifest entry of a verified file (no local path: the manifest moves with its dir). */
export const manifestFile = (f: ManifestFile): ManifestFile => ({
  name: f.name,
  size: f.size,
  crc32c: f.crc32c,
  md5: f.md5,
});
