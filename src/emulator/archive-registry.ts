/**
 * Which archives exist: the zips of COMPLETE jobs, planned on first use, signed on every state
 * read (fresh expiry each time), forgotten by `authorization:reset`.
 * @module
 */

import { type ArchiveFile, planArchive } from "./archive.js";
import type { EmulatorClock } from "./clock.js";
import type { Job, JobStore } from "./jobs.js";
import type { NormalizedOptions } from "./options.js";
import { STORAGE_PREFIX, signUrl } from "./signed-url.js";

/** A zip of a job as tests see it. */
export interface ArchiveFileInfo {
  /** File name a downloader would save it as, e.g. `portability-20250101T000000Z-001.zip`. */
  name: string;
  /** Object name in the emulated bucket: `<jobId>/<name>`. */
  objectName: string;
  size: number;
  /** Undefined for archives larger than the `md5MaxBytes` option. */
  md5Base64: string | undefined;
  crc32cBase64: string;
  etag: string;
}

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

export class ArchiveRegistry {
  readonly #files = new Map<string, ArchiveFile[]>();
  readonly #opts: NormalizedOptions;
  readonly #jobs: JobStore;
  readonly #secret: Buffer;
  readonly #clock: EmulatorClock;

  constructor(opts: NormalizedOptions, jobs: JobStore, secret: Buffer, clock: EmulatorClock) {
    this.#opts = opts;
    this.#jobs = jobs;
    this.#secret = secret;
    this.#clock = clock;
  }

  #filesOf(job: Job): ArchiveFile[] {
    let files = this.#files.get(job.id);
    if (files === undefined) {
      const toMs = job.endTime === undefined ? job.createdAt : Date.parse(job.endTime);
      const fromMs = job.startTime === undefined ? toMs - YEAR_MS : Date.parse(job.startTime);
      files = planArchive(
        { id: job.id, resources: job.resources, createdAt: job.createdAt, fromMs, toMs },
        {
          seed: this.#opts.seed,
          archiveBytes: this.#opts.archiveBytes,
          maxFileBytes: this.#opts.maxFileBytes,
          mediaEntryBytes: this.#opts.mediaEntryBytes,
          md5MaxBytes: this.#opts.md5MaxBytes,
          zip64: this.#opts.zip64,
          records: this.#opts.recordsPerResource,
        },
      );
      this.#files.set(job.id, files);
    }
    return files;
  }

  #available(jobId: string): Job | undefined {
    const job = this.#jobs.get(jobId);
    return job?.state === "COMPLETE" && !job.archivesForgotten ? job : undefined;
  }

  /** Freshly signed URLs of a COMPLETE job's zips. */
  signedUrls(job: Job, origin: string): string[] {
    const bucket = encodeURIComponent(this.#opts.bucket);
    return this.#filesOf(job).map((file) => {
      const object = file.objectName.split("/").map(encodeURIComponent).join("/");
      return signUrl(
        origin,
        `${STORAGE_PREFIX}${bucket}/${object}`,
        this.#secret,
        this.#clock.now(),
        this.#opts.urlTtlMs,
      );
    });
  }

  /** Drops a job's archives; their URLs answer 404 from now on. */
  forget(job: Job): void {
    job.archivesForgotten = true;
    this.#files.delete(job.id);
  }

  /** The zip behind an object name, while its job is COMPLETE and not reset. */
  find(objectName: string): { file: ArchiveFile; modifiedMs: number } | undefined {
    const job = this.#available(objectName.split("/")[0] ?? "");
    const file =
      job === undefined ? undefined : this.#filesOf(job).find((f) => f.objectName === objectName);
    return job === undefined || file === undefined
      ? undefined
      : { file, modifiedMs: job.createdAt };
  }

  describe(jobId: string): ArchiveFileInfo[] {
    const job = this.#available(jobId);
    if (job === undefined) {
      return [];
    }
    return this.#filesOf(job).map((file) => ({
      name: file.objectName.split("/").at(-1) ?? file.objectName,
      objectName: file.objectName,
      size: file.size,
      md5Base64: file.md5Base64,
      crc32cBase64: file.crc32cBase64,
      etag: file.etag,
    }));
  }
}
