import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type TestContext, test } from "node:test";
import type { Resource } from "../../generated/dataportability.v1.operations.js";
import { exportArchive, readManifest } from "../../src/archive/index.js";
import type { DownloadProgress, ExportProgress } from "../../src/archive/progress.js";
import { isDataPortabilityError } from "../../src/errors.js";
import { initiateArchive } from "../../src/methods/index.js";
import { countTarget, emulatorWithToken } from "./helpers/emulator.js";

const RESOURCES: Resource[] = ["myactivity.youtube", "maps.starred_places", "chrome.history"];
const quick = { pollIntervalMs: 1, maxIntervalMs: 5, retry: { baseDelayMs: 1, maxDelayMs: 5 } };

async function tempDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "dp-export-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** The emulator's own view of the job's files, in the shape exportArchive reports. */
function expectedFiles(setup: Awaited<ReturnType<typeof emulatorWithToken>>, jobId: string) {
  return setup.running.emulator
    .archiveFiles(jobId)
    .map((f) => ({ name: f.name, size: f.size, md5: f.md5Base64, crc32c: f.crc32cBase64 }));
}

function sameFiles(
  got: readonly {
    name: string;
    size: number;
    md5?: string | undefined;
    crc32c?: string | undefined;
  }[],
  want: ReturnType<typeof expectedFiles>,
): void {
  assert.equal(got.length, want.length);
  assert.ok(want.length > 0);
  for (const [i, w] of want.entries()) {
    const g = got[i];
    assert.equal(g?.name, w.name);
    assert.equal(g?.size, w.size);
    // MD5 when the server sends it, else CRC-32C: whichever was verified must match.
    assert.ok(g?.md5 === undefined || g.md5 === w.md5, `${w.name} md5`);
    assert.ok(g?.crc32c === undefined || g.crc32c === w.crc32c, `${w.name} crc32c`);
    assert.ok(g?.md5 !== undefined || g?.crc32c !== undefined);
  }
}

test("exports 3 resources end to end; a second call does no new work", async (t) => {
  const setup = await emulatorWithToken(t, RESOURCES, {
    archiveBytes: 600_000,
    maxFileBytes: 250_000,
  });
  const dir = await tempDir(t);
  const events: ExportProgress[] = [];
  const result = await exportArchive(setup.client, {
    resources: RESOURCES,
    dir,
    ...quick,
    onProgress: (e) => events.push(e),
  });
  const want = expectedFiles(setup, result.jobId);
  assert.ok(want.length >= 3, "several zips");
  sameFiles(result.files, want);
  for (const f of want) {
    const { createHash } = await import("node:crypto");
    const data = await readFile(join(dir, f.name));
    assert.equal(data.length, f.size);
    if (f.md5 !== undefined) {
      assert.equal(createHash("md5").update(data).digest("base64"), f.md5);
    }
  }
  const manifest = await readManifest(dir);
  assert.equal(manifest?.jobId, result.jobId);
  assert.deepEqual(manifest?.resources, [...RESOURCES].sort());
  assert.equal(manifest?.complete, true);
  assert.equal(manifest?.state, "COMPLETE");
  sameFiles(manifest?.files ?? [], want);
  assert.deepEqual(
    [...new Set(events.map((e) => e.phase))],
    ["initiate", "wait", "download", "done"],
  );
  assert.deepEqual((await readdir(dir)).sort(), ["export.json", ...want.map((f) => f.name)].sort());
  assert.equal(countTarget(setup.running, "initiate"), 1);

  const before = setup.running.emulator.requests.length;
  const again = await exportArchive(setup.client, { resources: RESOURCES, dir, ...quick });
  assert.equal(again.jobId, result.jobId);
  assert.equal(setup.running.emulator.requests.length, before);
});

test("a cut body is continued with Range from the byte written", async (t) => {
  const setup = await emulatorWithToken(t, RESOURCES.slice(0, 1), {
    archiveBytes: 400_000,
    faults: [
      { target: "download", attempts: [1], fault: { kind: "cut", afterBytes: 150_000 } },
      {
        target: "download",
        attempts: [1],
        fault: { kind: "slow", delayMs: 1, chunkBytes: 16_384 },
      },
    ],
  });
  const dir = await tempDir(t);
  const ranges: (string | null)[] = [];
  const events: DownloadProgress[] = [];
  const result = await exportArchive(setup.client, {
    resources: RESOURCES.slice(0, 1),
    dir,
    ...quick,
    fetch: (request) => {
      ranges.push(request.headers.get("range"));
      assert.equal(request.headers.get("authorization"), null);
      return fetch(request);
    },
    onProgress: (e) => {
      if (e.phase === "download") {
        events.push(e);
      }
    },
  });
  sameFiles(result.files, expectedFiles(setup, result.jobId));
  const retry = events.find((e) => e.event === "retry");
  assert.ok(
    retry !== undefined && retry.bytes > 0 && retry.bytes <= 150_000,
    JSON.stringify(retry),
  );
  assert.deepEqual(ranges, [null, `bytes=${retry.bytes}-`]);
});

test("an expired URL mid-export is refreshed with one state read, then completes", async (t) => {
  const setup = await emulatorWithToken(t, RESOURCES.slice(0, 2), {
    archiveBytes: 200_000,
    maxFileBytes: 100_000,
    faults: [{ target: "download", attempts: [2], fault: { kind: "expire-url" } }],
  });
  const dir = await tempDir(t);
  let readsBeforeDownload = 0;
  const events: ExportProgress[] = [];
  const result = await exportArchive(setup.client, {
    resources: RESOURCES.slice(0, 2),
    dir,
    ...quick,
    concurrency: 1,
    onProgress: (e) => {
      if (e.phase === "download" && readsBeforeDownload === 0) {
        readsBeforeDownload = countTarget(setup.running, "getPortabilityArchiveState");
      }
      events.push(e);
    },
  });
  sameFiles(result.files, expectedFiles(setup, result.jobId));
  const refreshes = events.filter((e) => e.phase === "download" && e.event === "refresh");
  assert.equal(refreshes.length, 1);
  assert.equal(countTarget(setup.running, "getPortabilityArchiveState"), readsBeforeDownload + 1);
});

test("an identical job already running is adopted, and a caller's job id is continued", async (t) => {
  const setup = await emulatorWithToken(t, RESOURCES.slice(0, 1), { pollsUntilComplete: 3 });
  const running = await initiateArchive(setup.client, { resources: ["myactivity.youtube"] });
  const events: ExportProgress[] = [];
  const adopted = await exportArchive(setup.client, {
    resources: RESOURCES.slice(0, 1),
    dir: await tempDir(t),
    ...quick,
    onProgress: (e) => events.push(e),
  });
  assert.equal(adopted.jobId, running.archiveJobId);
  assert.ok(events.some((e) => e.phase === "initiate" && e.event === "reused"));
  const initiates = countTarget(setup.running, "initiate");
  const continued = await exportArchive(setup.client, {
    resources: RESOURCES.slice(0, 1),
    dir: await tempDir(t),
    jobId: `archiveJobs/${running.archiveJobId}`,
    ...quick,
  });
  assert.equal(continued.jobId, running.archiveJobId);
  assert.equal(countTarget(setup.running, "initiate"), initiates);
  sameFiles(continued.files, expectedFiles(setup, running.archiveJobId));
});

test("a FAILED job is a job error naming it; abort while waiting names the job too", async (t) => {
  const setup = await emulatorWithToken(t, RESOURCES.slice(0, 2));
  setup.running.emulator.failNextJobs(1);
  const failed = await exportArchive(setup.client, {
    resources: RESOURCES.slice(0, 1),
    dir: await tempDir(t),
    ...quick,
  }).catch((e: unknown) => e);
  assert.ok(isDataPortabilityError(failed));
  assert.equal(failed.kind, "job", failed.message);
  assert.equal(failed.jobIds.length, 1);
  const controller = new AbortController();
  const dir = await tempDir(t);
  const aborted = await exportArchive(setup.client, {
    resources: RESOURCES.slice(1, 2),
    dir,
    ...quick,
    signal: controller.signal,
    onProgress: (e) => {
      if (e.phase === "wait") {
        controller.abort();
      }
    },
  }).catch((e: unknown) => e);
  assert.ok(isDataPortabilityError(aborted));
  assert.equal(aborted.kind, "aborted");
  const manifest = await readManifest(dir);
  assert.deepEqual(aborted.jobIds, [manifest?.jobId]);
});

test("emulator download faults: ignored Range, corrupt body, changed object all end verified", async (t) => {
  const cutSlow = (attempts: number[]) => [
    { target: "download", attempts, fault: { kind: "cut", afterBytes: 100_000 } } as const,
    {
      target: "download",
      attempts,
      fault: { kind: "slow", delayMs: 1, chunkBytes: 16_384 },
    } as const,
  ];
  const setup = await emulatorWithToken(t, RESOURCES, {
    archiveBytes: 300_000,
    faults: [
      ...cutSlow([1, 4]),
      { target: "download", attempts: [2], fault: { kind: "ignore-range" } },
      { target: "download", attempts: [2], fault: { kind: "corrupt" } },
      { target: "download", attempts: [5], fault: { kind: "change-content" } },
    ],
  });
  const run = async (resources: Resource[]) => {
    const events: DownloadProgress[] = [];
    const result = await exportArchive(setup.client, {
      resources,
      dir: await tempDir(t),
      ...quick,
      onProgress: (e) => {
        if (e.phase === "download") {
          events.push(e);
        }
      },
    });
    sameFiles(result.files, expectedFiles(setup, result.jobId));
    return events.map((e) => e.event).filter((e) => e !== "data");
  };
  // 1 cut → 2 Range ignored (200) and corrupt → fresh download 3 → verified.
  assert.deepEqual(await run(RESOURCES.slice(0, 1)), [
    "start",
    "retry",
    "restart",
    "mismatch",
    "complete",
  ]);
  // 4 cut → 5 the object changed, If-Range fails, 200 with the new object → verified.
  assert.deepEqual(await run(RESOURCES.slice(1, 2)), ["start", "retry", "restart", "complete"]);
});

test("a mistyped jobId neither overwrites another export's manifest nor is recorded", async (t) => {
  const setup = await emulatorWithToken(t, RESOURCES.slice(0, 1));
  const dir = await tempDir(t);
  const done = await exportArchive(setup.client, {
    resources: RESOURCES.slice(0, 1),
    dir,
    ...quick,
  });
  const manifestBefore = await readFile(join(dir, "export.json"), "utf8");
  const filesBefore = (await readdir(dir)).sort();
  const reads = countTarget(setup.running, "getPortabilityArchiveState");
  const typo = await exportArchive(setup.client, {
    resources: RESOURCES.slice(0, 1),
    dir,
    jobId: "typo123",
    ...quick,
  }).catch((e: unknown) => e);
  assert.ok(isDataPortabilityError(typo));
  assert.equal(typo.kind, "usage", typo.message);
  assert.match(
    typo.message,
    new RegExp(`job ${done.jobId}.*another directory|another directory.*${done.jobId}`),
  );
  assert.equal(countTarget(setup.running, "getPortabilityArchiveState"), reads);
  assert.equal(await readFile(join(dir, "export.json"), "utf8"), manifestBefore);
  assert.deepEqual((await readdir(dir)).sort(), filesBefore);
  const again = await exportArchive(setup.client, {
    resources: RESOURCES.slice(0, 1),
    dir,
    ...quick,
  });
  assert.equal(again.jobId, done.jobId);
  sameFiles(again.files, expectedFiles(setup, done.jobId));

  // In a fresh directory an unknown job is NOT_FOUND, leaves no manifest, and is not
  // presented as resumable.
  const fresh = await tempDir(t);
  const unknown = await exportArchive(setup.client, {
    resources: RESOURCES.slice(0, 1),
    dir: fresh,
    jobId: "typo123",
    ...quick,
  }).catch((e: unknown) => e);
  assert.ok(isDataPortabilityError(unknown));
  assert.equal(unknown.status, "NOT_FOUND", unknown.message);
  assert.doesNotMatch(unknown.message, /run the same export again/);
  assert.equal(await readManifest(fresh), undefined);
});
