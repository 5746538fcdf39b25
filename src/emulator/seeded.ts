/**
 * Deterministic values derived from the emulator seed: job ids, archive content, random faults.
 * Everything is a pure function of (seed, label) so that the same seed gives the same run.
 * @module
 */

import { createHash } from "node:crypto";

/** SHA-256 of `seed` and `parts`, joined unambiguously. */
export function seededDigest(seed: string, ...parts: readonly (string | number)[]): Buffer {
  const hash = createHash("sha256");
  hash.update(seed);
  for (const part of parts) {
    hash.update("\u0000");
    hash.update(String(part));
  }
  return hash.digest();
}

/** A number in [0, 1) derived from `seed` and `parts`. */
export function seededUnit(seed: string, ...parts: readonly (string | number)[]): number {
  return seededDigest(seed, ...parts).readUInt32BE(0) / 0x1_0000_0000;
}

/** A UUID-shaped id (version 4 layout) derived from `seed` and `parts`. */
export function seededUuid(seed: string, ...parts: readonly (string | number)[]): string {
  const b = seededDigest(seed, ...parts);
  b[6] = ((b[6] as number) & 0x0f) | 0x40;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const h = b.subarray(0, 16).toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A small fast PRNG (mulberry32) for bulk fake data; seeded from a digest. */
export function createRandom(seed: string, ...parts: readonly (string | number)[]): () => number {
  let state = seededDigest(seed, ...parts).readUInt32BE(0);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}

/** Picks one element of a non-empty list with `random`. */
export function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}
