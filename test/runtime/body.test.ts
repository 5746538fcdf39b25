import assert from "node:assert/strict";
import type { ServerResponse } from "node:http";
import { describe, it } from "node:test";
import { isDataPortabilityError } from "../../src/errors.js";
import { getArchiveState, initiateArchive } from "../../src/methods/index.js";
import { startServer, testClient } from "./helpers/server.js";

/** Headers and the first 8 bytes of a JSON body, then nothing: the connection stays open. */
function stall(res: ServerResponse): void {
  res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
  res.write('{"state"');
}

/** Fails the test instead of hanging it when `promise` never settles (a generous bound). */
function settlesWithin<T>(promise: Promise<T>, ms = 15_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms);
  });
  return Promise.race([promise, guard]).finally(() => clearTimeout(timer));
}

describe("response bodies are read within the attempt", () => {
  it("a body that stalls after the headers is a timeout, retried for a GET", async (t) => {
    const server = await startServer(t, (_req, res) => stall(res));
    const client = testClient(server, {
      timeoutMs: 300,
      retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 4, deadlineMs: 5_000 },
    });
    const error = await settlesWithin(getArchiveState(client, "j1").catch((e: unknown) => e));
    assert.ok(isDataPortabilityError(error), String(error));
    assert.equal(error.kind, "timeout");
    assert.match(error.message, /timed out after 300 ms \(3 attempts\)/);
    assert.equal(server.requests.length, 3);
  });

  it("the deadline also ends a stalled body", async (t) => {
    const server = await startServer(t, (_req, res) => stall(res));
    const client = testClient(server, {
      timeoutMs: 60_000,
      retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 4, deadlineMs: 1_000 },
    });
    const error = await settlesWithin(getArchiveState(client, "j1").catch((e: unknown) => e));
    assert.ok(isDataPortabilityError(error), String(error));
    assert.equal(error.kind, "timeout");
    assert.match(error.message, /1000 ms retry deadline/);
  });

  it("initiate with a stalled body is never retried", async (t) => {
    const server = await startServer(t, (_req, res) => stall(res));
    const client = testClient(server, { timeoutMs: 300 });
    const error = await settlesWithin(
      initiateArchive(client, { resources: ["myactivity.youtube"] }).catch((e: unknown) => e),
    );
    assert.ok(isDataPortabilityError(error), String(error));
    assert.equal(error.kind, "timeout");
    assert.match(error.message, /duplicate job/);
    assert.equal(server.requests.length, 1);
  });

  it("refuses a body over 8 MiB with a clear error, without retrying", async (t) => {
    const server = await startServer(t, (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      for (let i = 0; i < 9; i++) {
        res.write(chunk);
      }
      res.end("{}");
    });
    const error = await getArchiveState(testClient(server), "j1").catch((e: unknown) => e);
    assert.ok(isDataPortabilityError(error), String(error));
    assert.equal(error.kind, "api");
    assert.match(error.message, /over 8 MiB/);
    assert.match(error.message, /baseUrl/);
    assert.equal(server.requests.length, 1);
  });

  it("keeps status, statusText and headers of the buffered response", async (t) => {
    const server = await startServer(t, (_req, res) => {
      res.writeHead(200, "Fine", { "content-type": "application/json", "x-extra": "kept" });
      res.write('{"state":');
      setTimeout(() => res.end('"COMPLETE"}'), 20);
    });
    const client = testClient(server);
    const result = await client.GET("/v1/archiveJobs/{archiveJobsId}/portabilityArchiveState", {
      params: { path: { archiveJobsId: "j1" } },
    });
    assert.deepEqual(result.data, { state: "COMPLETE" });
    assert.equal(result.response.status, 200);
    assert.equal(result.response.statusText, "Fine");
    assert.equal(result.response.headers.get("x-extra"), "kept");
  });
});
