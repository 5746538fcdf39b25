import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { Resource } from "../../generated/dataportability.v1.operations.js";
import { exportArchive } from "../../src/archive/export.js";
import { sameRequest, validateExportRequest } from "../../src/archive/export-input.js";
import { safeFileName, uniqueFileNames } from "../../src/archive/file-names.js";
import { parseGoogHash } from "../../src/archive/goog-hash.js";
import { classifyResponse, parseContentRange } from "../../src/archive/response-kind.js";
import { isDataPortabilityError } from "../../src/errors.js";
import { startStateServer } from "./helpers/state-server.js";

test("bad export input is refused as usage before any request", async (t) => {
  const server = await startStateServer(t, () => 500);
  const dir = await mkdtemp(join(tmpdir(), "dp-input-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, "a-file");
  await writeFile(file, "x");
  const hour = 3_600_000;
  const cases: [string, Parameters<typeof exportArchive>[1], RegExp][] = [
    ["no resources", { resources: [], dir }, /at least one/],
    [
      "unknown resource",
      // A JavaScript caller can still pass any string; the run-time check catches it.
      { resources: ["myactivity.youtube", "nope.nothing" as Resource], dir },
      /"nope\.nothing"/,
    ],
    [
      "start after end",
      {
        resources: ["myactivity.youtube"],
        dir,
        startTime: "2025-02-01T00:00:00Z",
        endTime: "2025-01-01T00:00:00Z",
      },
      /swap/,
    ],
    [
      "future time",
      { resources: ["myactivity.youtube"], dir, endTime: new Date(Date.now() + hour) },
      /future/,
    ],
    ["not a time", { resources: ["myactivity.youtube"], dir, startTime: "yesterday" }, /RFC 3339/],
    [
      "a zone-less local time",
      { resources: ["myactivity.youtube"], dir, startTime: "2025-01-31T12:00:00" },
      /startTime .*no time zone/,
    ],
    [
      "a date that does not exist",
      { resources: ["myactivity.youtube"], dir, endTime: "2025-02-30T00:00:00Z" },
      /endTime .*no such date/,
    ],
    [
      "a future time given as text",
      { resources: ["myactivity.youtube"], dir, startTime: "2999-01-01T00:00:00+02:00" },
      /startTime .*future/,
    ],
    ["dir is a file", { resources: ["myactivity.youtube"], dir: file }, /is a file/],
    [
      "dir under a file",
      { resources: ["myactivity.youtube"], dir: join(file, "sub") },
      /Cannot create/,
    ],
    ["bad job id", { resources: ["myactivity.youtube"], dir, jobId: "../../x" }, /job id/],
  ];
  // mkdir(recursive) never settles for a path under /proc on Linux.
  if (process.platform === "linux" && existsSync("/proc/self")) {
    cases.push([
      "dir under /proc",
      { resources: ["myactivity.youtube"], dir: "/proc/nope/deeper" },
      /Cannot create the directory \/proc\/nope\/deeper \(ENOENT\)/,
    ]);
  }
  // A directory nobody may create files in, even root (access() would say yes to root).
  if (process.platform === "linux" && existsSync("/sys/kernel")) {
    cases.push([
      "dir not writable",
      { resources: ["myactivity.youtube"], dir: "/sys" },
      /not writable/,
    ]);
  }
  for (const [name, options, message] of cases) {
    await assert.rejects(exportArchive(server.client, options), (error: unknown) => {
      assert.ok(isDataPortabilityError(error), `${name}: ${error}`);
      assert.equal(error.kind, "usage", `${name}: ${error.message}`);
      assert.match(error.message, message, name);
      return true;
    });
  }
  assert.equal(server.seen.length, 0);
});

test("an export.json of other resources is not mixed into", async (t) => {
  const server = await startStateServer(t, () => 500);
  const dir = await mkdtemp(join(tmpdir(), "dp-input-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const manifest = {
    version: 1,
    jobId: "j9",
    resources: ["maps.reviews"],
    state: "COMPLETE",
    files: [],
  };
  await writeFile(join(dir, "export.json"), JSON.stringify(manifest));
  await assert.rejects(
    exportArchive(server.client, { resources: ["myactivity.youtube"], dir }),
    /j9/,
  );
  assert.equal(server.seen.length, 0);
});

test("requests are normalised so a resumed call matches its manifest", () => {
  const a = validateExportRequest({
    resources: ["myactivity.youtube", "maps.reviews", "maps.reviews"],
    startTime: "2025-01-01T01:00:00+01:00",
  });
  assert.deepEqual(a, {
    resources: ["maps.reviews", "myactivity.youtube"],
    startTime: "2025-01-01T00:00:00.000Z",
    endTime: undefined,
  });
  assert.ok(
    sameRequest(a, { resources: ["myactivity.youtube", "maps.reviews"], startTime: a.startTime }),
  );
  assert.ok(!sameRequest(a, { resources: ["maps.reviews"], startTime: a.startTime }));
  assert.ok(!sameRequest(a, { resources: a.resources }));
});

test("file names from URL paths are safe", () => {
  const table: [string, string][] = [
    ["https://s/b/job/archive-1.zip?sig=x", "archive-1.zip"],
    ["https://s/b/..%2F..%2Fetc%2Fpasswd", "_._etc_passwd"],
    ["https://s/b/a%5Cb.zip", "a_b.zip"],
    ["https://s/b/%00%1F%7Fx%C2%9F.zip", "x.zip"],
    ["https://s/b/", "fallback.zip"],
    ["https://s/b/...", "fallback.zip"],
    ["https://s/b/%E0%A4%A", "%E0%A4%A"],
    ["https://s/b/CON", "_CON"],
    ["https://s/b/x.zip.part", "x.zip.part.download"],
    ["https://s/b/export.json", "export.json.download"],
  ];
  for (const [url, want] of table) {
    assert.equal(safeFileName(url, "fallback.zip"), want, url);
  }
  assert.ok(Buffer.byteLength(safeFileName(`https://s/${"é".repeat(300)}.zip`, "f")) <= 200);
  assert.deepEqual(
    uniqueFileNames(["https://s/a/x.zip", "https://s/b/X.zip", "https://s/c/x.zip", "https://s/"]),
    ["x.zip", "X-2.zip", "x-3.zip", "archive-4.zip"],
  );
});

test("x-goog-hash, Content-Range and responses are read as storage sends them", () => {
  assert.deepEqual(parseGoogHash("crc32c=n03x6A==, md5=Ojk9c3dhfxgoKVVHYwFbHQ=="), {
    crc32c: "n03x6A==",
    md5: "Ojk9c3dhfxgoKVVHYwFbHQ==",
  });
  assert.deepEqual(parseGoogHash(null), {});
  assert.deepEqual(parseContentRange("bytes 10-19/20"), { start: 10, total: 20 });
  assert.deepEqual(parseContentRange("bytes 10-19/*"), { start: 10, total: undefined });
  assert.equal(parseContentRange("bytes */20"), undefined);
  const res = (status: number, headers: Record<string, string> = {}) =>
    new Response(null, { status, headers });
  const asked = { offset: 10, etag: '"a"' };
  assert.equal(classifyResponse(res(403), asked).action, "expired");
  assert.equal(classifyResponse(res(400), asked).action, "expired");
  assert.equal(classifyResponse(res(503), asked).action, "retry");
  // The runtime's Retry-After reader: "-3" is no hint (V8 would read it as the year -3).
  const retryIn = (value: string) => {
    const r = classifyResponse(res(503, { "retry-after": value }), asked);
    return r.action === "retry" ? r.retryAfterMs : "not a retry";
  };
  assert.equal(retryIn("7"), 7000);
  assert.equal(retryIn("-3"), undefined);
  assert.equal(classifyResponse(res(404), asked).action, "fail");
  assert.equal(classifyResponse(res(200), asked).action, "replace");
  assert.equal(
    classifyResponse(res(206, { "content-range": "bytes 10-19/20", etag: '"a"' }), asked).action,
    "append",
  );
  assert.equal(
    classifyResponse(res(206, { "content-range": "bytes 0-19/20", etag: '"a"' }), asked).action,
    "restart",
  );
  assert.equal(
    classifyResponse(res(206, { "content-range": "bytes 10-19/20", etag: '"b"' }), asked).action,
    "restart",
  );
});
