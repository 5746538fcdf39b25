import assert from "node:assert/strict";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { backoffDelay } from "../../src/archive/backoff.js";
import { downloadArchive } from "../../src/archive/download.js";
import type { DownloadOptions } from "../../src/archive/download-options.js";
import { exportArchive } from "../../src/archive/export.js";
import type { WaitProgress } from "../../src/archive/progress.js";
import { waitForArchive } from "../../src/archive/wait.js";
import { isDataPortabilityError } from "../../src/errors.js";
import { startStateServer } from "./helpers/state-server.js";

/** Never created: every call below fails before it touches the disk. */
const UNUSED_DIR = join(tmpdir(), "dp-wait-test-unused");
const quick = { pollIntervalMs: 1, maxIntervalMs: 2 };
const inProgress = { name: "archiveJobs/j1/portabilityArchiveState", state: "IN_PROGRESS" };

async function kindOf(
  p: Promise<unknown>,
): Promise<{ kind: string; message: string; jobIds: readonly string[] }> {
  try {
    await p;
  } catch (error) {
    assert.ok(isDataPortabilityError(error), String(error));
    return error;
  }
  assert.fail("expected a DataPortabilityError");
}

test("polls until COMPLETE and returns the state with its URLs", async (t) => {
  const done = { ...inProgress, state: "COMPLETE", urls: ["https://storage.example/a.zip"] };
  const s = await startStateServer(t, (n) => (n < 4 ? inProgress : done));
  const events: WaitProgress[] = [];
  const state = await waitForArchive(s.client, "archiveJobs/j1", {
    ...quick,
    onProgress: (e) => events.push(e),
  });
  assert.deepEqual(state.urls, done.urls);
  assert.equal(s.seen.length, 4);
  assert.equal(s.seen[0], "/v1/archiveJobs/j1/portabilityArchiveState");
  assert.deepEqual(
    events.map((e) => [e.polls, e.state, e.nextPollMs === undefined]),
    [
      [1, "IN_PROGRESS", false],
      [2, "IN_PROGRESS", false],
      [3, "IN_PROGRESS", false],
      [4, "COMPLETE", true],
    ],
  );
});

test("FAILED and CANCELLED throw kind job with the job id and the next step", async (t) => {
  for (const state of ["FAILED", "CANCELLED"]) {
    const s = await startStateServer(t, (n) => (n < 2 ? inProgress : { ...inProgress, state }));
    const err = await kindOf(waitForArchive(s.client, "j1", quick));
    assert.equal(err.kind, "job");
    assert.deepEqual(err.jobIds, ["j1"]);
    assert.match(err.message, state === "FAILED" ? /retryArchive/ : /initiate a new export/);
  }
});

test("abort stops waiting at once, and timeoutMs gives kind timeout", async (t) => {
  const s = await startStateServer(t, () => inProgress);
  const controller = new AbortController();
  const waiting = waitForArchive(s.client, "j1", {
    pollIntervalMs: 3_600_000,
    signal: controller.signal,
    onProgress: () => controller.abort(),
  });
  assert.equal((await kindOf(waiting)).kind, "aborted");
  assert.equal(s.seen.length, 1);
  const timedOut = await kindOf(waitForArchive(s.client, "j1", { ...quick, timeoutMs: 0 }));
  assert.equal(timedOut.kind, "timeout");
  assert.deepEqual(timedOut.jobIds, ["j1"]);
});

test("API errors pass through and a bad job id is refused before any request", async (t) => {
  const s = await startStateServer(t, () => 404);
  assert.equal((await kindOf(waitForArchive(s.client, "j1", quick))).kind, "api");
  const before = s.seen.length;
  assert.equal((await kindOf(waitForArchive(s.client, "../x", quick))).kind, "usage");
  assert.equal(s.seen.length, before);
});

test("backoff starts at the interval, grows ×1.5, is capped and jittered", () => {
  const b = { initialMs: 3000, factor: 1.5, maxMs: 10_000, jitter: 0.1 };
  const mid = () => 0.5;
  assert.deepEqual(
    [0, 1, 2, 3, 4].map((n) => backoffDelay(b, n, mid)),
    [3000, 4500, 6750, 10_000, 10_000],
  );
  assert.equal(
    backoffDelay(b, 0, () => 0),
    2700,
  );
  assert.equal(
    backoffDelay(b, 0, () => 0.999_999),
    3300,
  );
});

test("NaN, Infinity or negative numeric options are usage errors naming the option", async (t) => {
  const s = await startStateServer(t, () => inProgress);
  const bad: [Record<string, number>, RegExp][] = [
    [{ pollIntervalMs: Number.NaN }, /pollIntervalMs/],
    [{ pollIntervalMs: Number.POSITIVE_INFINITY }, /pollIntervalMs/],
    [{ pollIntervalMs: -5 }, /pollIntervalMs/],
    [{ pollIntervalMs: 0 }, /pollIntervalMs/],
    [{ maxIntervalMs: Number.NaN }, /maxIntervalMs/],
    [{ backoffFactor: 0.5 }, /backoffFactor/],
    [{ jitter: 2 }, /jitter/],
    [{ timeoutMs: Number.NaN }, /timeoutMs/],
  ];
  for (const [options, name] of bad) {
    // The signal bounds the old behaviour (a NaN delay never fires) so a regression fails
    // instead of hanging.
    const signal = AbortSignal.timeout(2000);
    const err = await kindOf(waitForArchive(s.client, "j1", { signal, ...options }));
    assert.equal(err.kind, "usage", JSON.stringify(options));
    assert.match(err.message, name);
  }
  const downloads: [DownloadOptions, RegExp][] = [
    [{ dir: UNUSED_DIR, concurrency: Number.NaN }, /concurrency/],
    [{ dir: UNUSED_DIR, concurrency: 0 }, /concurrency/],
    [{ dir: UNUSED_DIR, retry: { attempts: Number.POSITIVE_INFINITY } }, /retry\.attempts/],
    [{ dir: UNUSED_DIR, retry: { baseDelayMs: -1 } }, /retry\.baseDelayMs/],
    [{ dir: UNUSED_DIR, retry: { maxDelayMs: Number.NaN } }, /retry\.maxDelayMs/],
    [{ dir: UNUSED_DIR, idleTimeoutMs: Number.NaN }, /idleTimeoutMs/],
  ];
  for (const [options, name] of downloads) {
    // The signal bounds the old behaviour (endless retries) so a regression fails, not hangs.
    const signal = AbortSignal.timeout(2000);
    const err = await kindOf(downloadArchive(["http://127.0.0.1:9/a.zip"], { signal, ...options }));
    assert.equal(err.kind, "usage");
    assert.match(err.message, name);
  }
  // exportArchive refuses them before any request, too.
  const err = await kindOf(
    exportArchive(s.client, {
      resources: ["myactivity.youtube"],
      dir: UNUSED_DIR,
      pollIntervalMs: Number.NaN,
      signal: AbortSignal.timeout(2000),
    }),
  );
  assert.equal(err.kind, "usage");
  assert.match(err.message, /pollIntervalMs/);
  assert.equal(s.seen.length, 0);
});

test("retryable errors while waiting are polled through, up to 10 in a row", async (t) => {
  const done = { ...inProgress, state: "COMPLETE", urls: ["https://storage.example/a.zip"] };
  const flaky = await startStateServer(t, (n) => (n <= 3 ? 503 : n === 4 ? inProgress : done));
  const state = await waitForArchive(flaky.client, "j1", quick);
  assert.equal(state.state, "COMPLETE");
  assert.equal(flaky.seen.length, 5);

  const down = await startStateServer(t, () => 503);
  const err = await kindOf(waitForArchive(down.client, "j1", quick));
  assert.equal(err.kind, "api", err.message);
  assert.match(err.message, /10 times in a row/);
  assert.deepEqual(err.jobIds, ["j1"]);
  assert.ok(isDataPortabilityError((err as unknown as Error).cause));
  assert.equal(down.seen.length, 10);

  // The caller's timeout still bounds it, and a non-retryable error still ends it at once.
  const timedOut = await kindOf(waitForArchive(down.client, "j1", { ...quick, timeoutMs: 0 }));
  assert.equal(timedOut.kind, "timeout");
  const gone = await startStateServer(t, () => 404);
  await kindOf(waitForArchive(gone.client, "j1", quick));
  assert.equal(gone.seen.length, 1);
});
