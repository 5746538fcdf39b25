/**
 * Checksums of a download: Cloud Storage's `x-goog-hash: crc32c=…, md5=…` header (both values
 * base64, always for the WHOLE object, also on 206 answers) and an incremental hasher that
 * follows the bytes as they are written.
 * @module
 */

import { createHash, type Hash } from "node:crypto";
import { crc32c, crc32cBase64 } from "../util/crc32c.js";

/** Hashes of a whole file, base64 as in `x-goog-hash`; those that were computed. */
export interface FileHashes {
  crc32c?: string | undefined;
  md5?: string | undefined;
}

/** Expected hashes from an `x-goog-hash` header; each absent when the server did not send it. */
export interface ExpectedHashes {
  crc32c?: string | undefined;
  md5?: string | undefined;
}

/** Parses `x-goog-hash` (repeated headers arrive joined with ", "). */
export function parseGoogHash(header: string | null): ExpectedHashes {
  const out: ExpectedHashes = {};
  if (!header) {
    return out;
  }
  for (const part of header.split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) {
      continue;
    }
    const key = part.slice(0, eq).trim().toLowerCase();
    const value = part.slice(eq + 1).trim();
    if (key === "crc32c") {
      out.crc32c = value;
    } else if (key === "md5") {
      out.md5 = value;
    }
  }
  return out;
}

/** The first expected hash that differs from `actual`, as a readable sentence; undefined if fine. */
export function hashMismatch(expected: ExpectedHashes, actual: FileHashes): string | undefined {
  if (
    expected.crc32c !== undefined &&
    actual.crc32c !== undefined &&
    expected.crc32c !== actual.crc32c
  ) {
    return `crc32c is ${actual.crc32c}, the server says ${expected.crc32c}`;
  }
  if (expected.md5 !== undefined && actual.md5 !== undefined && expected.md5 !== actual.md5) {
    return `md5 is ${actual.md5}, the server says ${expected.md5}`;
  }
  return undefined;
}

/**
 * Which hashes to compute for a download whose response sent `expected`. One is enough to
 * verify, and each costs CPU on the download path (MD5 is native and the faster, CRC-32C
 * runs in JS), so: MD5 when the server sent it, else CRC-32C when sent, else MD5 for the record.
 */
export function hashesToCompute(expected: ExpectedHashes): { md5: boolean; crc32c: boolean } {
  const md5 = expected.md5 !== undefined || expected.crc32c === undefined;
  return { md5, crc32c: !md5 };
}

/** CRC-32C and/or MD5 over a byte stream, fed in order, counting the bytes. */
export class StreamHasher {
  #crc: number | undefined;
  #md5: Hash | undefined;
  #bytes = 0;

  constructor(which: { md5: boolean; crc32c: boolean } = { md5: true, crc32c: true }) {
    this.#crc = which.crc32c ? 0 : undefined;
    this.#md5 = which.md5 ? createHash("md5") : undefined;
  }

  get bytes(): number {
    return this.#bytes;
  }

  update(chunk: Uint8Array): void {
    if (this.#crc !== undefined) {
      this.#crc = crc32c(chunk, this.#crc);
    }
    this.#md5?.update(chunk);
    this.#bytes += chunk.length;
  }

  /** The hashes so far; the hasher can keep going afterwards. */
  digest(): FileHashes {
    const out: FileHashes = {};
    if (this.#crc !== undefined) {
      out.crc32c = crc32cBase64(this.#crc);
    }
    if (this.#md5 !== undefined) {
      out.md5 = this.#md5.copy().digest("base64");
    }
    return out;
  }
}
