/**
 * Checksums of a download: Cloud Storage's `x-goog-hash: crc32c=…, md5=…` header (both values
 * base64, always for the WHOLE object, also on 206 answers) and an incremental hasher that
 * follows the bytes as they are written.
 * @module
 */

import { createHash, type Hash } from "node:crypto";
import { crc32c, crc32cBase64 } from "../util/crc32c.js";

/** Hashes of a whole file, base64 as in `x-goog-hash`. */
export interface FileHashes {
  crc32c: string;
  md5: string;
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
  if (expected.crc32c !== undefined && expected.crc32c !== actual.crc32c) {
    return `crc32c is ${actual.crc32c}, the server says ${expected.crc32c}`;
  }
  if (expected.md5 !== undefined && expected.md5 !== actual.md5) {
    return `md5 is ${actual.md5}, the server says ${expected.md5}`;
  }
  return undefined;
}

/** CRC-32C and MD5 over a byte stream, fed in order. */
export class StreamHasher {
  #crc = 0;
  #md5: Hash = createHash("md5");
  #bytes = 0;

  get bytes(): number {
    return this.#bytes;
  }

  update(chunk: Uint8Array): void {
    this.#crc = crc32c(chunk, this.#crc);
    this.#md5.update(chunk);
    this.#bytes += chunk.length;
  }

  /** The hashes so far; the hasher can keep going afterwards. */
  digest(): FileHashes {
    return { crc32c: crc32cBase64(this.#crc), md5: this.#md5.copy().digest("base64") };
  }
}
