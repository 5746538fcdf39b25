/**
 * Archive downloads: real zips (checked with `unzip -t` when installed, and by reading the
 * central directory), hashes that match the bytes, exact Range answers, signed URL refusals.
 */

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import {
  type RunningEmulator,
  type StartEmulatorOptions,
  startEmulator,
} from "../../src/emulator/index.js";
import { centralDirectoryNames, finishedJob, hashes } from "./helpers/export.js";

const UNZIP = "/usr/bin/unzip";
const dir = mkdtempSync(join(tmpdir(), "emulator-download-"));
const running: RunningEmulator[] = [];
after(async () => {
  await Promise.all(running.map((r) => r.close()));
  rmSync(dir, { recursive: true, force: true });
});

async function emulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const run = await startEmulator({ pollsUntilComplete: 1, ...options });
  running.push(run);
  return run;
}

async function bytesOf(response: Response): Promise<Buffer> {
  return Buffer.from(await response.arrayBuffer());
}

function unzipTest(name: string, zip: Buffer, t: { skip(message: string): void }): void {
  if (!existsSync(UNZIP)) {
    t.skip("unzip is not installed; the central directory check still ran");
    return;
  }
  const file = join(dir, name);
  writeFileSync(file, zip);
  const out = execFileSync(UNZIP, ["-t", file], { encoding: "utf8" });
  assert.match(out, /No errors detected/);
}

describe("archives", () => {
  test("a small export is a valid zip of per-resource files whose hashes match the headers", async (t) => {
    const run = await emulator();
    const job = await finishedJob(run, [
      "myactivity.youtube",
      "youtube.subscriptions",
      "maps.starred_places",
    ]);
    assert.equal(job.urls.length, 1);
    const response = await fetch(job.urls[0] ?? "");
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "application/zip");
    const zip = await bytesOf(response);
    assert.equal(Number(response.headers.get("content-length")), zip.length);
    const { md5, crc32c } = hashes(zip);
    assert.equal(response.headers.get("x-goog-hash"), `crc32c=${crc32c},md5=${md5}`);
    const [info] = run.emulator.archiveFiles(job.jobId);
    assert.deepEqual(
      { size: info?.size, md5: info?.md5Base64, crc32c: info?.crc32cBase64, etag: info?.etag },
      { size: zip.length, md5, crc32c, etag: response.headers.get("etag") },
    );
    const names = centralDirectoryNames(zip);
    assert.ok(names.includes("Portability/My Activity/YouTube/MyActivity.json"));
    assert.ok(names.includes("Portability/My Activity/YouTube/MyActivity.html"));
    assert.ok(names.some((n) => n.endsWith(".csv")));
    assert.ok(names.includes("Portability/Maps (your places)/Saved Places.json"));
    unzipTest("small.zip", zip, t);
  });

  test("a large export is split by maxFileBytes into zips of the planned sizes", async (t) => {
    const run = await emulator({
      archiveBytes: 5_000_000,
      maxFileBytes: 2_000_000,
      mediaEntryBytes: 600_000,
    });
    const job = await finishedJob(run, ["myactivity.search"]);
    assert.equal(job.urls.length, 3);
    const infos = run.emulator.archiveFiles(job.jobId);
    assert.deepEqual(
      infos.map((i) => i.size),
      [2_000_000, 2_000_000, 1_000_000],
    );
    for (const [i, url] of job.urls.entries()) {
      const zip = await bytesOf(await fetch(url));
      assert.equal(hashes(zip).md5, infos[i]?.md5Base64);
      unzipTest(`part-${i}.zip`, zip, t);
    }
  });

  test("zip64 records are readable and above md5MaxBytes only crc32c is sent", async (t) => {
    const run = await emulator({ zip64: true, archiveBytes: 3_000_000, md5MaxBytes: 1_000_000 });
    const job = await finishedJob(run, ["chrome.history"]);
    const response = await fetch(job.urls[0] ?? "");
    const zip = await bytesOf(response);
    assert.equal(response.headers.get("x-goog-hash"), `crc32c=${hashes(zip).crc32c}`);
    assert.equal(run.emulator.archiveFiles(job.jobId)[0]?.md5Base64, undefined);
    assert.ok(centralDirectoryNames(zip).includes("Portability/Chrome/History.json"));
    unzipTest("zip64.zip", zip, t);
  });

  test("the same seed and clock give the same bytes and ETag", async () => {
    const now = () => Date.UTC(2025, 0, 1);
    const a = await finishedJob(await emulator({ seed: 7, now }), ["myactivity.maps"]);
    const b = await finishedJob(await emulator({ seed: 7, now }), ["myactivity.maps"]);
    assert.equal(a.jobId, b.jobId);
    const [ra, rb] = await Promise.all([fetch(a.urls[0] ?? ""), fetch(b.urls[0] ?? "")]);
    assert.equal(ra.headers.get("etag"), rb.headers.get("etag"));
    assert.deepEqual(await bytesOf(ra), await bytesOf(rb));
  });
});

describe("Range and conditional requests", () => {
  test("single ranges return exactly the asked bytes", async () => {
    const run = await emulator({ archiveBytes: 400_000, mediaEntryBytes: 100_000 });
    const job = await finishedJob(run, ["myactivity.youtube"]);
    const url = job.urls[0] ?? "";
    const whole = await bytesOf(await fetch(url));
    const size = whole.length;
    for (const [range, start, end] of [
      ["bytes=0-0", 0, 1],
      ["bytes=100-65635", 100, 65636],
      ["bytes=300000-", 300000, size],
      ["bytes=-77", size - 77, size],
      [`bytes=${size - 5}-${size + 100}`, size - 5, size],
    ] as const) {
      const response = await fetch(url, { headers: { range } });
      assert.equal(response.status, 206, range);
      assert.equal(response.headers.get("content-range"), `bytes ${start}-${end - 1}/${size}`);
      assert.deepEqual(await bytesOf(response), whole.subarray(start, end), range);
    }
    const beyond = await fetch(url, { headers: { range: `bytes=${size}-` } });
    assert.equal(beyond.status, 416);
    assert.equal(beyond.headers.get("content-range"), `bytes */${size}`);
    const stale = await fetch(url, { headers: { range: "bytes=0-9", "if-range": '"other"' } });
    assert.equal(stale.status, 200);
    assert.equal((await bytesOf(stale)).length, size);
    const head = await fetch(url, { method: "HEAD" });
    assert.equal(head.headers.get("content-length"), String(size));
    const etag = head.headers.get("etag") ?? "";
    assert.equal((await fetch(url, { headers: { "if-none-match": etag } })).status, 304);
    assert.equal((await fetch(url, { headers: { "if-match": '"nope"' } })).status, 412);
  });
});

describe("signed URLs", () => {
  test("tampered URLs → 403 SignatureDoesNotMatch; expired → 400 ExpiredToken; reset → 404", async () => {
    const run = await emulator({ urlTtlMs: 60_000 });
    const job = await finishedJob(run, ["myactivity.youtube"]);
    const url = new URL(job.urls[0] ?? "");
    const tampered = [
      new URL(url.toString().replace(/X-Goog-Signature=[0-9a-f]/, "X-Goog-Signature=z")),
      new URL(url.toString().replace("-001.zip", "-002.zip")),
      new URL(url.toString().replace(/X-Goog-Expires=\d+/, "X-Goog-Expires=999999")),
    ];
    for (const bad of tampered) {
      const response = await fetch(bad);
      assert.equal(response.status, 403, bad.pathname);
      assert.match(await response.text(), /<Code>SignatureDoesNotMatch<\/Code>/);
    }
    run.emulator.clock.advance(60_001);
    const expired = await fetch(url);
    assert.equal(expired.status, 400);
    assert.match(await expired.text(), /<Code>ExpiredToken<\/Code>/);

    const fresh = await finishedJob(run, ["myactivity.search"]);
    await fetch(`${run.url}/v1/authorization:reset`, {
      method: "POST",
      headers: { authorization: `Bearer ${fresh.token}` },
    });
    const gone = await fetch(fresh.urls[0] ?? "");
    assert.equal(gone.status, 404);
    assert.match(await gone.text(), /NoSuchKey/);
  });
});
