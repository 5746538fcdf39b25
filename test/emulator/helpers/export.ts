/** Shared steps for emulator tests: a token, a finished job, its signed URLs. */

import { createHash } from "node:crypto";
import type { RunningEmulator } from "../../../src/emulator/index.js";
import { crc32c, crc32cBase64 } from "../../../src/util/crc32c.js";

export interface FinishedJob {
  token: string;
  jobId: string;
  urls: string[];
}

/** Initiates an export of `resources` and reads the state until it is COMPLETE. */
export async function finishedJob(
  run: RunningEmulator,
  resources: readonly string[],
): Promise<FinishedJob> {
  const { accessToken: token } = run.emulator.issueToken({ resources });
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const initiated = await fetch(`${run.url}/v1/portabilityArchive:initiate`, {
    method: "POST",
    headers,
    body: JSON.stringify({ resources }),
  });
  const { archiveJobId: jobId } = (await initiated.json()) as { archiveJobId: string };
  for (let i = 0; i < 10; i++) {
    const state = await fetch(`${run.url}/v1/archiveJobs/${jobId}/portabilityArchiveState`, {
      headers,
    });
    const body = (await state.json()) as { state: string; urls?: string[] };
    if (body.state === "COMPLETE") {
      return { token, jobId, urls: body.urls ?? [] };
    }
  }
  throw new Error(`job ${jobId} did not complete`);
}

/** md5 and crc32c of `bytes` in x-goog-hash form. */
export function hashes(bytes: Uint8Array): { md5: string; crc32c: string } {
  return {
    md5: createHash("md5").update(bytes).digest("base64"),
    crc32c: crc32cBase64(crc32c(bytes)),
  };
}

/** Entry names listed in a zip's central directory (reads the end record, zip64 included). */
export function centralDirectoryNames(zip: Buffer): string[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  if (offset === 0xffffffff) {
    const record = Number(zip.readBigUInt64LE(eocd - 20 + 8));
    count = Number(zip.readBigUInt64LE(record + 32));
    offset = Number(zip.readBigUInt64LE(record + 48));
  }
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) {
      throw new Error(`bad central directory entry at ${offset}`);
    }
    const nameLength = zip.readUInt16LE(offset + 28);
    const extra = zip.readUInt16LE(offset + 30);
    const comment = zip.readUInt16LE(offset + 32);
    names.push(zip.toString("utf8", offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extra + comment;
  }
  return names;
}
