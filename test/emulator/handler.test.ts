/**
 * The emulator as a fetch handler, in process: injected into openapi-fetch, with the job
 * state machine driven by polls and by the emulator clock, and the CRC maths behind archives.
 */

import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { crc32 } from "node:zlib";
import createClient from "openapi-fetch";
import type { paths } from "../../generated/dataportability.v1.js";
import { CRC32_POLY, CRC32C_POLY, crcCombine, crcRepeat } from "../../src/emulator/crc-combine.js";
import { createEmulator, type EmulatorOptions } from "../../src/emulator/index.js";
import { crc32c } from "../../src/util/crc32c.js";

function setUp(options: EmulatorOptions = {}) {
  const emulator = createEmulator({ completeAfterMs: 60_000, ...options });
  const { accessToken } = emulator.issueToken({
    resources: ["myactivity.youtube", "chrome.history"],
  });
  const client = createClient<paths>({
    baseUrl: "http://emulator.test",
    fetch: (request) => emulator.fetch(request),
    headers: { authorization: `Bearer ${accessToken}` },
  });
  const start = async (resources = ["myactivity.youtube"]) => {
    const { data } = await client.POST("/v1/portabilityArchive:initiate", { body: { resources } });
    return data?.archiveJobId ?? "";
  };
  const read = async (archiveJobsId: string) =>
    (
      await client.GET("/v1/archiveJobs/{archiveJobsId}/portabilityArchiveState", {
        params: { path: { archiveJobsId } },
      })
    ).data;
  return { emulator, client, start, read };
}

describe("fetch handler", () => {
  test("pollsUntilComplete decides the read on which a job completes", async () => {
    const { start, read } = setUp({ pollsUntilComplete: 3 });
    const id = await start();
    assert.deepEqual(
      [(await read(id))?.state, (await read(id))?.state, (await read(id))?.state],
      ["IN_PROGRESS", "IN_PROGRESS", "COMPLETE"],
    );
  });

  test("completeAfterMs on the emulator clock completes a job without polls", async () => {
    const { emulator, start, read } = setUp({ pollsUntilComplete: 100, completeAfterMs: 5_000 });
    const id = await start();
    assert.equal((await read(id))?.state, "IN_PROGRESS");
    emulator.clock.advance(5_000);
    assert.equal((await read(id))?.state, "COMPLETE");
    assert.equal(emulator.archiveFiles(id).length, 1);
  });

  test("jobOutcome can fail jobs; retries stop at maxRetries", async () => {
    const { client, start, read } = setUp({
      pollsUntilComplete: 1,
      maxRetries: 2,
      jobOutcome: () => "FAILED",
    });
    let id = await start();
    for (let i = 0; i < 2; i++) {
      assert.equal((await read(id))?.state, "FAILED");
      const { data } = await client.POST("/v1/archiveJobs/{archiveJobsId}:retry", {
        params: { path: { archiveJobsId: id } },
      });
      id = data?.archiveJobId ?? "";
    }
    assert.equal((await read(id))?.state, "FAILED");
    const { response, error } = await client.POST("/v1/archiveJobs/{archiveJobsId}:retry", {
      params: { path: { archiveJobsId: id } },
    });
    assert.equal(response.status, 400);
    assert.equal(
      (error?.error?.details?.[0] as { reason?: string } | undefined)?.reason,
      "RETRY_LIMIT_REACHED",
    );
  });

  test("a dropped connection rejects like fetch; the emulator keeps its state", async () => {
    const { emulator, start, read } = setUp({ pollsUntilComplete: 1 });
    const id = await start();
    emulator.faults.setScript([
      {
        target: "getPortabilityArchiveState",
        attempts: [1],
        fault: { kind: "drop", when: "before-body" },
      },
    ]);
    await assert.rejects(
      read(id),
      (error: unknown) => error instanceof TypeError && error.message === "fetch failed",
    );
    assert.equal((await read(id))?.state, "COMPLETE");
  });

  test("a percent-encoded custom-method colon reaches the method", async () => {
    const { emulator, start, read } = setUp();
    const id = await start();
    const { accessToken } = emulator.issueToken({ resources: ["myactivity.youtube"] });
    const other = await emulator.fetch(`/v1/archiveJobs/${id}%3Acancel`, {
      method: "POST",
      headers: { authorization: `Bearer ${accessToken}` },
    });
    const body = (await other.json()) as { error: { details: { reason: string }[] } };
    assert.equal(body.error.details[0]?.reason, "ARCHIVE_JOB_NOT_FOUND", "routed to cancel");
    assert.equal((await read(id))?.state, "IN_PROGRESS");
  });

  test("job ids follow the seed", async () => {
    const a = await setUp({ seed: "x" }).start();
    const b = await setUp({ seed: "x" }).start();
    const c = await setUp({ seed: "y" }).start();
    assert.equal(a, b);
    assert.notEqual(a, c);
    assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe("CRC combination", () => {
  test("combine and repeat agree with direct CRC-32 and CRC-32C", () => {
    const a = randomBytes(1000);
    const b = randomBytes(777);
    const both = Buffer.concat([a, b]);
    assert.equal(crcCombine(crc32(a), crc32(b), b.length, CRC32_POLY), crc32(both));
    assert.equal(crcCombine(crc32c(a), crc32c(b), b.length, CRC32C_POLY), crc32c(both));
    for (const n of [0, 1, 2, 7, 64]) {
      const many = Buffer.concat(Array.from({ length: n }, () => b));
      assert.equal(crcRepeat(crc32(b), b.length, n, CRC32_POLY), crc32(many), `crc32 × ${n}`);
      assert.equal(crcRepeat(crc32c(b), b.length, n, CRC32C_POLY), crc32c(many), `crc32c × ${n}`);
    }
  });
});
