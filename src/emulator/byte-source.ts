/**
 * Byte sources that can be read at any offset without being held whole: a small buffer, or a
 * block repeated to any length (the bulk of large archives). Each knows its CRC-32 and CRC-32C
 * without a full pass, thanks to CRC combination.
 * @module
 */

import { crc32 } from "node:zlib";
import { crc32c } from "../util/crc32c.js";
import { CRC32_POLY, CRC32C_POLY, crcCombine, crcRepeat } from "./crc-combine.js";

export interface ByteSource {
  readonly length: number;
  /** Yields the bytes in [start, end) of this source, in order, as views where possible. */
  read(start: number, end: number): Generator<Uint8Array>;
  crc32(): number;
  crc32c(): number;
}

/** A source over bytes already in memory. */
export function bufferSource(data: Uint8Array): ByteSource {
  return {
    length: data.byteLength,
    *read(start, end) {
      if (end > start) {
        yield data.subarray(start, end);
      }
    },
    crc32: () => crc32(data),
    crc32c: () => crc32c(data),
  };
}

/** `block` repeated until `length` bytes (the last copy cut short). */
export function repeatSource(block: Uint8Array, length: number): ByteSource {
  const size = block.byteLength;
  const whole = Math.floor(length / size);
  const rest = block.subarray(0, length - whole * size);
  const combined = (crc: (d: Uint8Array) => number, poly: number) =>
    crcCombine(crcRepeat(crc(block), size, whole, poly), crc(rest), rest.byteLength, poly);
  return {
    length,
    *read(start, end) {
      let pos = start;
      while (pos < end) {
        const inBlock = pos % size;
        const take = Math.min(size - inBlock, end - pos);
        yield block.subarray(inBlock, inBlock + take);
        pos += take;
      }
    },
    crc32: () => combined((d) => crc32(d), CRC32_POLY),
    crc32c: () => combined((d) => crc32c(d), CRC32C_POLY),
  };
}

/** Sources laid end to end. */
export interface Concatenation {
  readonly length: number;
  read(start: number, end: number): Generator<Uint8Array>;
  crc32c(): number;
}

export function concatSources(sources: readonly ByteSource[]): Concatenation {
  const offsets: number[] = [];
  let total = 0;
  for (const s of sources) {
    offsets.push(total);
    total += s.length;
  }
  return {
    length: total,
    *read(start, end) {
      for (const [i, source] of sources.entries()) {
        const offset = offsets[i] as number;
        const from = Math.max(start, offset);
        const to = Math.min(end, offset + source.length);
        if (from < to) {
          yield* source.read(from - offset, to - offset);
        }
      }
    },
    crc32c() {
      let crc = 0;
      for (const s of sources) {
        crc = crcCombine(crc, s.crc32c(), s.length, CRC32C_POLY);
      }
      return crc;
    },
  };
}
