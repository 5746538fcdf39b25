/**
 * The zip files of a completed job: the seeded data files in the first zip, then padding media
 * entries (a repeated pseudo-random block) up to the configured size, split into several zips
 * of at most `maxFileBytes`. Nothing is held in memory but the small data files, one 64 KiB
 * block per zip and the central directories.
 *
 * Hashes: CRC-32C is stated for every archive (computed by CRC combination, no pass over the
 * bytes). MD5 needs a full pass, so it is computed once, on first use, for archives up to
 * `md5MaxBytes`; larger archives omit it from `x-goog-hash`, as Cloud Storage does for
 * composite objects.
 * @module
 */

import { createHash } from "node:crypto";
import { crc32cBase64 } from "../util/crc32c.js";
import { bufferSource, repeatSource } from "./byte-source.js";
import { fakeExportFiles, mediaFolder } from "./fake-data.js";
import { seededDigest } from "./seeded.js";
import { layoutZip, type ZipEntryInput, type ZipLayout, zipOverhead } from "./zip-layout.js";

export interface ArchiveSettings {
  seed: string;
  /** Target bytes of all zips of a job; undefined → just the data files. */
  archiveBytes: number | undefined;
  maxFileBytes: number;
  mediaEntryBytes: number;
  md5MaxBytes: number;
  zip64: boolean;
  /** Records per resource in the data files. */
  records: number;
}

export interface ArchiveJobInput {
  id: string;
  resources: readonly string[];
  createdAt: number;
  fromMs: number;
  toMs: number;
}

const BLOCK_BYTES = 256 * 1024;

/** One zip of a job. `generation` moves on when a fault changes its content. */
export class ArchiveFile {
  readonly objectName: string;
  generation = 1;
  readonly #build: (generation: number) => ZipLayout;
  readonly #md5MaxBytes: number;
  #layout: ZipLayout | undefined;
  #layoutGeneration = 0;
  #md5: string | undefined;
  #seedParts: readonly (string | number)[];

  constructor(
    objectName: string,
    build: (generation: number) => ZipLayout,
    md5MaxBytes: number,
    seedParts: readonly (string | number)[],
  ) {
    this.objectName = objectName;
    this.#build = build;
    this.#md5MaxBytes = md5MaxBytes;
    this.#seedParts = seedParts;
  }

  get layout(): ZipLayout {
    if (this.#layout === undefined || this.#layoutGeneration !== this.generation) {
      this.#layout = this.#build(this.generation);
      this.#layoutGeneration = this.generation;
      this.#md5 = undefined;
    }
    return this.#layout;
  }

  get size(): number {
    return this.layout.length;
  }

  get etag(): string {
    const digest = seededDigest(String(this.#seedParts[0]), ...this.#seedParts, this.generation);
    return `"${digest.subarray(0, 16).toString("hex")}"`;
  }

  get crc32cBase64(): string {
    return crc32cBase64(this.layout.crc32c());
  }

  /** Base64 MD5 of the whole zip, or undefined above `md5MaxBytes`. */
  get md5Base64(): string | undefined {
    const layout = this.layout;
    if (layout.length > this.#md5MaxBytes) {
      return undefined;
    }
    if (this.#md5 === undefined) {
      const hash = createHash("md5");
      for (const chunk of layout.read(0, layout.length)) {
        hash.update(chunk);
      }
      this.#md5 = hash.digest("base64");
    }
    return this.#md5;
  }
}

function stampOf(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
}

/** Media entries whose content brings a zip holding `fixed` entries to `target` bytes. */
function mediaEntries(
  target: number,
  fixed: readonly ZipEntryInput[],
  folder: string,
  file: number,
  entryBytes: number,
  block: Uint8Array,
): ZipEntryInput[] {
  const nameOf = (k: number) =>
    `${folder}/media-${String(file).padStart(3, "0")}-${String(k).padStart(5, "0")}.bin`;
  const nameLength = Buffer.byteLength(nameOf(1));
  const fixedNames = fixed.reduce((n, e) => n + Buffer.byteLength(e.name), 0);
  const fixedBytes = fixed.reduce((n, e) => n + e.content.length, 0);
  const available = (m: number) =>
    target - fixedBytes - zipOverhead(fixed.length + m, fixedNames + m * nameLength);
  let count = Math.max(0, Math.ceil(available(0) / entryBytes));
  while (count > 0 && available(count) > count * entryBytes) {
    count++;
  }
  while (count > 0 && available(count) <= (count - 1) * entryBytes) {
    count--;
  }
  const out: ZipEntryInput[] = [];
  let left = available(count);
  for (let k = 1; k <= count; k++) {
    const length = Math.min(entryBytes, left);
    out.push({ name: nameOf(k), content: repeatSource(block, length) });
    left -= length;
  }
  return out;
}

/** The zips of `job`, not yet materialised (layouts are built on first use). */
export function planArchive(job: ArchiveJobInput, settings: ArchiveSettings): ArchiveFile[] {
  const dataFiles = fakeExportFiles({
    seed: settings.seed,
    jobId: job.id,
    resources: job.resources,
    fromMs: job.fromMs,
    toMs: job.toMs,
    records: settings.records,
  }).map((f): ZipEntryInput => ({ name: f.name, content: bufferSource(f.data) }));
  const modified = new Date(job.createdAt);
  const folder = mediaFolder(job.resources);
  const total = settings.archiveBytes ?? 0;
  const count = Math.max(1, Math.ceil(total / settings.maxFileBytes));
  const stamp = stampOf(job.createdAt);
  const files: ArchiveFile[] = [];
  for (let index = 1; index <= count; index++) {
    const fixed = index === 1 ? dataFiles : [];
    const target = Math.min(settings.maxFileBytes, total - (index - 1) * settings.maxFileBytes);
    const seedParts = [settings.seed, job.id, index] as const;
    const build = (generation: number) => {
      const block = seededDigest(settings.seed, job.id, index, generation);
      const bytes = Buffer.alloc(BLOCK_BYTES);
      for (let i = 0; i < BLOCK_BYTES; i += block.length) {
        block.copy(bytes, i);
        block[i % block.length] = ((block[i % block.length] as number) * 31 + i) & 0xff;
      }
      const media = mediaEntries(target, fixed, folder, index, settings.mediaEntryBytes, bytes);
      return layoutZip([...fixed, ...media], modified, settings.zip64);
    };
    const name = `${job.id}/portability-${stamp}-${String(index).padStart(3, "0")}.zip`;
    files.push(new ArchiveFile(name, build, settings.md5MaxBytes, seedParts));
  }
  return files;
}
