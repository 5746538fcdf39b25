/**
 * Combining CRCs of concatenated data without reading the data again: crc(A‖B) from crc(A),
 * crc(B) and |B|. This is what lets the emulator state the CRC-32 of a multi-GiB zip entry and
 * the CRC-32C of a whole archive up front while it streams the bytes with flat memory.
 *
 * Maths: a reflected CRC is a polynomial over GF(2) mod P; appending |B| bytes multiplies the
 * first CRC by x^(8|B|) mod P. Powers x^(2^k) are tabulated by repeated squaring.
 * @module
 */

/** Reflected polynomials of the two CRCs we need. */
export const CRC32_POLY = 0xedb88320;
export const CRC32C_POLY = 0x82f63b78;

/** Bit 31 is x^0 in the reflected representation. */
const ONE = 0x80000000;

/** a·b mod P, both reflected. */
function multiplyMod(a: number, b: number, poly: number): number {
  let product = 0;
  let bb = b >>> 0;
  for (let mask = ONE; mask !== 0; mask >>>= 1) {
    if (a & mask) {
      product ^= bb;
    }
    bb = bb & 1 ? (bb >>> 1) ^ poly : bb >>> 1;
  }
  return product >>> 0;
}

const powerTables = new Map<number, number[]>();

/** x^(2^k) mod P for k = 0..63. */
function powers(poly: number): number[] {
  let table = powerTables.get(poly);
  if (table === undefined) {
    table = [];
    let p = ONE >>> 1; // x^1
    for (let k = 0; k < 64; k++) {
      table.push(p);
      p = multiplyMod(p, p, poly);
    }
    powerTables.set(poly, table);
  }
  return table;
}

/** x^(8·bytes) mod P. */
function shiftFor(bytes: number, poly: number): number {
  const table = powers(poly);
  let result = ONE;
  let n = bytes * 8;
  for (let k = 0; n > 0; k++) {
    if (n % 2 === 1) {
      result = multiplyMod(table[k] as number, result, poly);
    }
    n = Math.floor(n / 2);
  }
  return result;
}

/** crc(A‖B) given crc(A), crc(B) and the byte length of B. */
export function crcCombine(crcA: number, crcB: number, lengthB: number, poly: number): number {
  if (lengthB === 0) {
    return crcA >>> 0;
  }
  return (multiplyMod(shiftFor(lengthB, poly), crcA >>> 0, poly) ^ crcB) >>> 0;
}

/** crc of `count` copies of a block whose crc is `blockCrc`, by doubling. */
export function crcRepeat(
  blockCrc: number,
  blockLength: number,
  count: number,
  poly: number,
): number {
  let result = 0;
  let resultLength = 0;
  let power = blockCrc >>> 0;
  let powerLength = blockLength;
  let n = count;
  while (n > 0) {
    if (n % 2 === 1) {
      result = crcCombine(result, power, powerLength, poly);
      resultLength += powerLength;
    }
    n = Math.floor(n / 2);
    if (n > 0) {
      power = crcCombine(power, power, powerLength, poly);
      powerLength *= 2;
    }
  }
  return resultLength === 0 ? 0 : result;
}
