/**
 * A zip file as a sequence of byte sources: for each entry a local header then its STORED
 * bytes, then the central directory and the end records. CRCs and sizes are known before any
 * byte is written (see byte-source.ts), so no data descriptors are needed, any byte range can
 * be produced directly, and zip64 records are written only when offsets pass 4 GiB.
 * @see https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT (4.3.7, 4.3.12, 4.3.14-16, 4.5.3)
 * @module
 */

import { type ByteSource, bufferSource, type Concatenation, concatSources } from "./byte-source.js";

export interface ZipEntryInput {
  name: string;
  content: ByteSource;
}

export interface ZipEntryInfo {
  name: string;
  size: number;
  crc32: number;
}

export interface ZipLayout extends Concatenation {
  entries: ZipEntryInfo[];
}

const MAX32 = 0xffffffff;
const UTF8_NAMES = 0x0800;
/** Regular file, rw-r--r--, in the Unix half of the external attributes. */
const FILE_MODE = (0o100644 << 16) >>> 0;

function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.max(1980, date.getUTCFullYear());
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

function localHeader(
  name: Buffer,
  info: ZipEntryInfo,
  stamp: { time: number; date: number },
): Buffer {
  if (info.size >= MAX32) {
    throw new RangeError(`zip entry ${info.name} is too large for one STORED entry`);
  }
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(UTF8_NAMES, 6);
  h.writeUInt16LE(0, 8); // STORED
  h.writeUInt16LE(stamp.time, 10);
  h.writeUInt16LE(stamp.date, 12);
  h.writeUInt32LE(info.crc32, 14);
  h.writeUInt32LE(info.size, 18);
  h.writeUInt32LE(info.size, 22);
  h.writeUInt16LE(name.length, 26);
  h.writeUInt16LE(0, 28);
  return Buffer.concat([h, name]);
}

function centralHeader(
  name: Buffer,
  info: ZipEntryInfo,
  offset: number,
  stamp: { time: number; date: number },
  zip64: boolean,
): Buffer {
  const big = zip64 || offset >= MAX32;
  const extra = Buffer.alloc(big ? 12 : 0);
  if (big) {
    extra.writeUInt16LE(0x0001, 0);
    extra.writeUInt16LE(8, 2);
    extra.writeBigUInt64LE(BigInt(offset), 4);
  }
  const version = big ? 45 : 20;
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE((3 << 8) | version, 4); // made by Unix
  h.writeUInt16LE(version, 6);
  h.writeUInt16LE(UTF8_NAMES, 8);
  h.writeUInt16LE(0, 10);
  h.writeUInt16LE(stamp.time, 12);
  h.writeUInt16LE(stamp.date, 14);
  h.writeUInt32LE(info.crc32, 16);
  h.writeUInt32LE(info.size, 20);
  h.writeUInt32LE(info.size, 24);
  h.writeUInt16LE(name.length, 28);
  h.writeUInt16LE(extra.length, 30);
  h.writeUInt32LE(FILE_MODE, 38);
  h.writeUInt32LE(big ? MAX32 : offset, 42);
  return Buffer.concat([h, name, extra]);
}

function endRecords(count: number, cdOffset: number, cdSize: number, zip64: boolean): Buffer {
  const big = zip64 || count >= 0xffff || cdOffset >= MAX32 || cdSize >= MAX32;
  const parts: Buffer[] = [];
  if (big) {
    const rec = Buffer.alloc(56);
    rec.writeUInt32LE(0x06064b50, 0);
    rec.writeBigUInt64LE(44n, 4);
    rec.writeUInt16LE((3 << 8) | 45, 12);
    rec.writeUInt16LE(45, 14);
    rec.writeBigUInt64LE(BigInt(count), 24);
    rec.writeBigUInt64LE(BigInt(count), 32);
    rec.writeBigUInt64LE(BigInt(cdSize), 40);
    rec.writeBigUInt64LE(BigInt(cdOffset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(cdOffset + cdSize), 8);
    locator.writeUInt32LE(1, 16);
    parts.push(rec, locator);
  }
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(big ? 0xffff : count, 8);
  eocd.writeUInt16LE(big ? 0xffff : count, 10);
  eocd.writeUInt32LE(big ? MAX32 : cdSize, 12);
  eocd.writeUInt32LE(big ? MAX32 : cdOffset, 16);
  parts.push(eocd);
  return Buffer.concat(parts);
}

/** Lays out a zip of STORED entries; `zip64` forces the zip64 records (for tests). */
export function layoutZip(
  inputs: readonly ZipEntryInput[],
  modified: Date,
  zip64 = false,
): ZipLayout {
  const stamp = dosDateTime(modified);
  const sources: ByteSource[] = [];
  const central: Buffer[] = [];
  const entries: ZipEntryInfo[] = [];
  let offset = 0;
  for (const input of inputs) {
    const name = Buffer.from(input.name, "utf8");
    const info: ZipEntryInfo = {
      name: input.name,
      size: input.content.length,
      crc32: input.content.crc32(),
    };
    const header = localHeader(name, info, stamp);
    central.push(centralHeader(name, info, offset, stamp, zip64));
    sources.push(bufferSource(header), input.content);
    entries.push(info);
    offset += header.length + info.size;
  }
  const directory = Buffer.concat(central);
  sources.push(bufferSource(directory));
  sources.push(bufferSource(endRecords(entries.length, offset, directory.length, zip64)));
  return Object.assign(concatSources(sources), { entries });
}

/** Bytes a zip adds around `nameBytes` of file names and `count` entries (no zip64). */
export function zipOverhead(count: number, nameBytes: number): number {
  return count * (30 + 46) + 2 * nameBytes + 22;
}
