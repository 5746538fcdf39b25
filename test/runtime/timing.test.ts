import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isDataPortabilityError } from "../../src/errors.js";
import { parseRetryAfter, serverDelayMs } from "../../src/retry/timing.js";
import { parseDurationMs } from "../../src/rpc-status.js";
import { googleError, sendJson, startServer, testClient } from "./helpers/server.js";

const NOW = Date.parse("2026-01-01T00:00:00Z");
const job = { params: { path: { archiveJobsId: "j1" } } };
const STATE = "/v1/archiveJobs/{archiveJobsId}/portabilityArchiveState" as const;
const retryInfo = (delay: string) => ({
  "@type": "type.googleapis.com/google.rpc.RetryInfo",
  retryDelay: delay,
});

describe("server wait hints (injected clock)", () => {
  it("parses Retry-After seconds and HTTP dates; ignores junk", () => {
    assert.equal(parseRetryAfter("7", NOW), 7000);
    assert.equal(parseRetryAfter(" 0 ", NOW), 0);
    assert.equal(parseRetryAfter(new Date(NOW + 90_000).toUTCString(), NOW), 90_000);
    assert.equal(parseRetryAfter(new Date(NOW - 5000).toUTCString(), NOW), 0);
    assert.equal(parseRetryAfter("soon", NOW), undefined);
    assert.equal(parseRetryAfter("-3", NOW), undefined);
    assert.equal(parseRetryAfter(null, NOW), undefined);
  });

  it("parses RetryInfo durations", () => {
    assert.equal(parseDurationMs("3.5s"), 3500);
    assert.equal(parseDurationMs("0s"), 0);
    assert.equal(parseDurationMs("12"), undefined);
  });

  it("takes the longer of Retry-After and RetryInfo", () => {
    const response = new Response(null, { status: 503, headers: { "retry-after": "2" } });
    const body = JSON.stringify(googleError(503, "UNAVAILABLE", "x", [retryInfo("5s")]));
    assert.equal(serverDelayMs(response, body, NOW), 5000);
    assert.equal(serverDelayMs(response, undefined, NOW), 2000);
    const plain = new Response(null, { status: 503 });
    assert.equal(serverDelayMs(plain, body, NOW), 5000);
    assert.equal(serverDelayMs(plain, undefined, NOW), undefined);
  });
});

/** Server-side gap between the first two requests, for a 503 carrying `hint` then a 200. */
async function gapAfter(
  t: import("node:test").TestContext,
  headers: Record<string, string>,
  details: Record<string, unknown>[] = [],
): Promise<number> {
  const arrivals: number[] = [];
  const server = await startServer(t, (_req, res, i) => {
    arrivals.push(performance.now());
    if (i === 0) {
      sendJson(res, 503, googleError(503, "UNAVAILABLE", "later", details), headers);
    } else {
      sendJson(res, 200, { state: "COMPLETE" });
    }
  });
  // random 0 makes the computed backoff 0, so any wait comes from the server's hint.
  const client = testClient(server, { retry: { attempts: 2, baseDelayMs: 1, random: () => 0 } });
  const { data } = await client.GET(STATE, job);
  assert.deepEqual(data, { state: "COMPLETE" });
  return (arrivals[1] ?? 0) - (arrivals[0] ?? 0);
}

describe("server wait hints lengthen the wait (measured lower bounds)", () => {
  it("Retry-After in seconds", async (t) => {
    assert.ok((await gapAfter(t, { "retry-after": "1" })) >= 990);
  });

  it("Retry-After as an HTTP date", async (t) => {
    // HTTP dates have whole seconds: 2 s ahead is at least 1 s away once truncated.
    const date = new Date(Date.now() + 2000).toUTCString();
    assert.ok((await gapAfter(t, { "retry-after": date })) >= 990);
  });

  it("google.rpc.RetryInfo", async (t) => {
    assert.ok((await gapAfter(t, {}, [retryInfo("0.3s")])) >= 295);
  });
});

describe("abort and deadline", () => {
  it("an abort during a backoff wait rejects within 50 ms", async (t) => {
    const controller = new AbortController();
    let abortedAt = 0;
    const server = await startServer(t, (_req, res) => {
      sendJson(res, 503, googleError(503, "UNAVAILABLE", "later"), { "retry-after": "30" });
      setTimeout(() => {
        abortedAt = performance.now();
        controller.abort();
      }, 30);
    });
    const client = testClient(server, { retry: { attempts: 5 } });
    const error = await client
      .GET(STATE, { ...job, signal: controller.signal })
      .catch((e: unknown) => e);
    const elapsed = performance.now() - abortedAt;
    assert.ok(isDataPortabilityError(error));
    assert.equal(error.kind, "aborted");
    assert.ok(abortedAt > 0 && elapsed < 50, `rejected ${elapsed} ms after abort`);
    assert.equal(server.requests.length, 1);
  });

  it("the client-level signal stops requests too", async (t) => {
    const controller = new AbortController();
    const server = await startServer(t, () => controller.abort());
    const client = testClient(server, { signal: controller.signal });
    const error = await client.GET(STATE, job).catch((e: unknown) => e);
    assert.ok(isDataPortabilityError(error));
    assert.equal(error.kind, "aborted");
  });

  it("does not start a wait that would end after the deadline: the 503 is returned", async (t) => {
    const server = await startServer(t, (_req, res) =>
      sendJson(res, 503, googleError(503, "UNAVAILABLE", "later"), { "retry-after": "10" }),
    );
    const client = testClient(server, { retry: { attempts: 5, deadlineMs: 300 } });
    const { error, response } = await client.GET(STATE, job);
    assert.equal(response.status, 503);
    assert.ok(error);
    assert.equal(server.requests.length, 1);
  });

  it("aborts an attempt still running at the deadline and stops", async (t) => {
    const server = await startServer(t, () => {});
    const client = testClient(server, {
      timeoutMs: 60_000,
      retry: { attempts: 5, deadlineMs: 150 },
    });
    const error = await client.GET(STATE, job).catch((e: unknown) => e);
    assert.ok(isDataPortabilityError(error));
    assert.equal(error.kind, "timeout");
    assert.match(error.message, /deadline/);
    assert.equal(server.requests.length, 1);
  });
});
