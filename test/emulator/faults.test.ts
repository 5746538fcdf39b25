/**
 * Fault injection: each kind does what it says over real HTTP, and the same script (or the
 * same random seed) gives the same sequence of answers on every run.
 */

import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import {
  type FaultRule,
  type RunningEmulator,
  type StartEmulatorOptions,
  startEmulator,
} from "../../src/emulator/index.js";
import { finishedJob } from "./helpers/export.js";

const running: RunningEmulator[] = [];
after(async () => {
  await Promise.all(running.map((r) => r.close()));
});

async function emulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const run = await startEmulator({ pollsUntilComplete: 1, ...options });
  running.push(run);
  return run;
}

function check(run: RunningEmulator, token: string): Promise<Response> {
  return fetch(`${run.url}/v1/accessType:check`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
  });
}

describe("API faults", () => {
  test("status faults answer in Google's shape with Retry-After, then the call succeeds", async () => {
    const run = await emulator({
      faults: [
        {
          target: "check",
          attempts: [1, 2],
          fault: { kind: "status", status: 429, retryAfterSeconds: 3 },
        },
      ],
    });
    const { accessToken } = run.emulator.issueToken({ resources: ["myactivity.youtube"] });
    const first = await check(run, accessToken);
    assert.equal(first.status, 429);
    assert.equal(first.headers.get("retry-after"), "3");
    const body = (await first.json()) as {
      error: { status: string; details: Record<string, string>[] };
    };
    assert.equal(body.error.status, "RESOURCE_EXHAUSTED");
    assert.equal(body.error.details[0]?.reason, "RATE_LIMIT_EXCEEDED");
    assert.equal(body.error.details[1]?.retryDelay, "3s");
    assert.equal((await check(run, accessToken)).status, 429);
    assert.equal((await check(run, accessToken)).status, 200);
    const log = run.emulator.requests.map((r) => [r.target, r.attempt, r.status, r.faults.join()]);
    assert.deepEqual(log, [
      ["dataportability.accessType.check", 1, 429, "status"],
      ["dataportability.accessType.check", 2, 429, "status"],
      ["dataportability.accessType.check", 3, 200, ""],
    ]);
  });

  test("dropped connections before and after the body reject fetch; the emulator goes on", async () => {
    const run = await emulator({
      faults: [
        { target: "initiate", attempts: [1], fault: { kind: "drop", when: "before-body" } },
        { target: "initiate", attempts: [2], fault: { kind: "drop", when: "after-body" } },
      ],
    });
    const { accessToken } = run.emulator.issueToken({ resources: ["myactivity.youtube"] });
    const initiate = () =>
      fetch(`${run.url}/v1/portabilityArchive:initiate`, {
        method: "POST",
        headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
        body: JSON.stringify({ resources: ["myactivity.youtube"] }),
      });
    await assert.rejects(initiate(), TypeError);
    await assert.rejects(initiate(), TypeError);
    assert.equal((await initiate()).status, 200);
    assert.deepEqual(
      run.emulator.requests.map((r) => r.status),
      [0, 0, 200],
    );
  });

  test("expire-token makes that call 401 and the token stays expired", async () => {
    const run = await emulator({
      faults: [{ target: "check", attempts: [2], fault: { kind: "expire-token" } }],
    });
    const { accessToken } = run.emulator.issueToken({ resources: ["myactivity.youtube"] });
    assert.deepEqual(
      [
        (await check(run, accessToken)).status,
        (await check(run, accessToken)).status,
        (await check(run, accessToken)).status,
      ],
      [200, 401, 401],
    );
  });
});

describe("download faults", () => {
  async function setUp(faults: FaultRule[]) {
    const run = await emulator({ archiveBytes: 300_000, mediaEntryBytes: 100_000 });
    const job = await finishedJob(run, ["myactivity.youtube"]);
    const url = job.urls[0] ?? "";
    const whole = Buffer.from(await (await fetch(url)).arrayBuffer());
    run.emulator.faults.setScript(faults);
    return { run, url, whole };
  }

  test("cut, corrupt, ignore-range, slow", async () => {
    const { url, whole } = await setUp([
      { target: "download", attempts: [1], fault: { kind: "cut", afterBytes: 70_000 } },
      { target: "download", attempts: [2], fault: { kind: "corrupt", atByte: 12345 } },
      { target: "download", attempts: [3], fault: { kind: "ignore-range" } },
      {
        target: "download",
        attempts: [4],
        fault: { kind: "slow", delayMs: 1, chunkBytes: 64 * 1024 },
      },
    ]);
    const cut = await fetch(url);
    assert.equal(cut.headers.get("content-length"), String(whole.length));
    await assert.rejects(cut.arrayBuffer());

    const corrupt = Buffer.from(await (await fetch(url)).arrayBuffer());
    const differing = [...corrupt.keys()].filter((i) => corrupt[i] !== whole[i]);
    assert.deepEqual(differing, [12345]);

    const ignored = await fetch(url, { headers: { range: "bytes=10-19" } });
    assert.equal(ignored.status, 200);
    assert.equal((await ignored.arrayBuffer()).byteLength, whole.length);

    const slow = Buffer.from(await (await fetch(url)).arrayBuffer());
    assert.deepEqual(slow, whole);
  });

  test("change-content gives a new ETag and new bytes from then on; expire-url and 503 refuse", async () => {
    const { run, url, whole } = await setUp([
      { target: "download", attempts: [1], fault: { kind: "change-content" } },
      { target: "download", attempts: [3], fault: { kind: "expire-url" } },
      {
        target: "download",
        attempts: [4],
        fault: { kind: "status", status: 503, retryAfterSeconds: 1 },
      },
    ]);
    const etagBefore = run.emulator.archiveFiles(new URL(url).pathname.split("/")[3] ?? "")[0]
      ?.etag;
    const changed = await fetch(url);
    const again = await fetch(url);
    assert.notEqual(changed.headers.get("etag"), etagBefore);
    assert.equal(changed.headers.get("etag"), again.headers.get("etag"));
    const changedBytes = Buffer.from(await changed.arrayBuffer());
    assert.equal(changedBytes.length, whole.length);
    assert.notDeepEqual(changedBytes, whole);
    await again.arrayBuffer();
    const expired = await fetch(url);
    assert.equal(expired.status, 400);
    assert.match(await expired.text(), /ExpiredToken/);
    const unavailable = await fetch(url);
    assert.equal(unavailable.status, 503);
    assert.equal(unavailable.headers.get("retry-after"), "1");
    assert.match(await unavailable.text(), /<Code>InternalError<\/Code>/);
  });
});

describe("determinism", () => {
  async function sequence(options: StartEmulatorOptions): Promise<string[]> {
    const run = await emulator(options);
    const { accessToken } = run.emulator.issueToken({ resources: ["myactivity.youtube"] });
    const out: string[] = [];
    for (let i = 0; i < 25; i++) {
      try {
        out.push(String((await check(run, accessToken)).status));
      } catch {
        out.push("dropped");
      }
    }
    return out;
  }

  test("the same script gives the same answers on every run", async () => {
    const faults: FaultRule[] = [
      { target: "*", attempts: [2, 5], fault: { kind: "status", status: 500 } },
      { target: "check", attempts: [3], fault: { kind: "drop", when: "before-body" } },
      { target: "check", attempts: [7], fault: { kind: "status", status: 503 } },
    ];
    const a = await sequence({ faults });
    assert.deepEqual(a.slice(0, 8), ["200", "500", "dropped", "200", "500", "200", "503", "200"]);
    assert.deepEqual(await sequence({ faults }), a);
  });

  test("random faults are a function of the seed and the attempt", async () => {
    const randomFaults = {
      rate: 0.4,
      seed: 99,
      faults: [
        { kind: "status", status: 503 },
        { kind: "drop", when: "after-body" },
      ] as const,
    };
    const a = await sequence({ randomFaults });
    assert.ok(a.some((s) => s !== "200") && a.includes("200"), a.join());
    assert.deepEqual(await sequence({ randomFaults }), a);
    assert.notDeepEqual(await sequence({ randomFaults: { ...randomFaults, seed: 100 } }), a);
  });
});
