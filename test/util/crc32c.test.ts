import assert from "node:assert/strict";
import { test } from "node:test";
import { crc32c, crc32cBase64 } from "../../src/util/crc32c.js";

/** Bit-at-a-time CRC-32C: slow, but obviously the definition; the reference for the tables. */
function reference(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of data) {
    c ^= byte;
    for (let k = 0; k < 8; k++) {
      c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
    }
  }
  return ~c >>> 0;
}

function pseudoRandom(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

test("known answers", () => {
  assert.equal(crc32c(new TextEncoder().encode("123456789")), 0xe3069283);
  assert.equal(crc32c(new Uint8Array(0)), 0);
  // RFC 3720 (iSCSI) B.4: 32 bytes of zeros, and of 0xff.
  assert.equal(crc32c(new Uint8Array(32)), 0x8a9136aa);
  assert.equal(crc32c(new Uint8Array(32).fill(0xff)), 0x62a8ab43);
  assert.equal(crc32cBase64(0xe3069283), Buffer.from([0xe3, 0x06, 0x92, 0x83]).toString("base64"));
});

test("every length around the 16-byte steps matches the bitwise definition", () => {
  for (let size = 0; size <= 70; size++) {
    const data = pseudoRandom(size, size + 1);
    assert.equal(crc32c(data), reference(data), `length ${size}`);
  }
  const large = pseudoRandom(100_003, 7);
  assert.equal(crc32c(large), reference(large));
});

test("incremental equals one-shot, wherever the data is split", () => {
  const data = pseudoRandom(1000, 3);
  const whole = crc32c(data);
  for (const cut of [0, 1, 15, 16, 17, 500, 999, 1000]) {
    assert.equal(crc32c(data.subarray(cut), crc32c(data.subarray(0, cut))), whole, `cut ${cut}`);
  }
  let c = 0;
  for (let i = 0; i < data.length; i += 7) {
    c = crc32c(data.subarray(i, i + 7), c);
  }
  assert.equal(c, whole);
  // A view into a larger buffer hashes only its own bytes.
  const offset = new Uint8Array(data.buffer, 3, 100);
  assert.equal(crc32c(offset), reference(data.subarray(3, 103)));
});
