import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createDataPortabilityClient } from "../../src/client.js";
import { isDataPortabilityError } from "../../src/errors.js";
import { getArchiveState } from "../../src/methods/index.js";
import { delay, MAX_TIMER_MS } from "../../src/util/delay.js";
import { googleError, sendJson, startServer, testClient } from "./helpers/server.js";

const BAD_NUMBERS: [string, Record<string, unknown>, RegExp][] = [
  ["timeoutMs Infinity", { timeoutMs: Number.POSITIVE_INFINITY }, /timeoutMs/],
  ["timeoutMs NaN", { timeoutMs: Number.NaN }, /timeoutMs/],
  ["timeoutMs 0", { timeoutMs: 0 }, /timeoutMs/],
  ["attempts Infinity", { retry: { attempts: Number.POSITIVE_INFINITY } }, /retry\.attempts/],
  ["attempts 0", { retry: { attempts: 0 } }, /retry\.attempts/],
  ["attempts 1.5", { retry: { attempts: 1.5 } }, /retry\.attempts/],
  ["baseDelayMs NaN", { retry: { baseDelayMs: Number.NaN } }, /retry\.baseDelayMs/],
  ["baseDelayMs -1", { retry: { baseDelayMs: -1 } }, /retry\.baseDelayMs/],
  ["maxDelayMs Infinity", { retry: { maxDelayMs: Number.POSITIVE_INFINITY } }, /retry\.maxDelayMs/],
  [
    "maxRetryAfterMs Infinity",
    { retry: { maxRetryAfterMs: Number.POSITIVE_INFINITY } },
    /retry\.maxRetryAfterMs/,
  ],
  ["deadlineMs Infinity", { retry: { deadlineMs: Number.POSITIVE_INFINITY } }, /retry\.deadlineMs/],
  [
    "deadlineMs -Infinity",
    { retry: { deadlineMs: Number.NEGATIVE_INFINITY } },
    /retry\.deadlineMs/,
  ],
  ["deadlineMs as a string", { retry: { deadlineMs: "1000" } }, /retry\.deadlineMs/],
  ["random not a function", { retry: { random: 0.5 } }, /retry\.random/],
];

describe("numeric options must be finite", () => {
  for (const [name, options, pattern] of BAD_NUMBERS) {
    it(`refuses ${name} with a usage error naming the option`, () => {
      assert.throws(
        () =>
          createDataPortabilityClient({
            auth: "test-token",
            baseUrl: "http://127.0.0.1:1",
            ...(options as object),
          }),
        (error: unknown) =>
          isDataPortabilityError(error) && error.kind === "usage" && pattern.test(error.message),
      );
    });
  }

  it("accepts the documented bounds (attempts 1, delays 0)", () => {
    createDataPortabilityClient({
      auth: "test-token",
      baseUrl: "http://127.0.0.1:1",
      retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0, deadlineMs: 1 },
      timeoutMs: 1,
    });
  });
});

describe("delays beyond setTimeout's range", () => {
  it("a delay above 2^31-1 ms does not fire early and can be aborted", async () => {
    const controller = new AbortController();
    let fired = false;
    const sleeping = delay(MAX_TIMER_MS + 1000, controller.signal).then(
      () => {
        fired = true;
      },
      () => "aborted",
    );
    // The overflowed timer would have fired after 1 ms.
    await delay(100);
    assert.equal(fired, false);
    controller.abort();
    assert.equal(await sleeping, "aborted");
  });

  it("a per-attempt timeout above 2^31-1 ms still lets the request complete", async (t) => {
    const server = await startServer(t, (_req, res) => sendJson(res, 200, { state: "COMPLETE" }));
    const client = testClient(server, {
      timeoutMs: MAX_TIMER_MS * 4,
      retry: { deadlineMs: MAX_TIMER_MS * 4 },
    });
    assert.deepEqual(await getArchiveState(client, "j1"), { state: "COMPLETE" });
  });
});

describe("Retry-After: 99999999", () => {
  const hugeHint = (res: import("node:http").ServerResponse, i: number) =>
    i === 0
      ? sendJson(res, 503, googleError(503, "UNAVAILABLE", "later"), { "retry-after": "99999999" })
      : sendJson(res, 200, { state: "COMPLETE" });

  it("with the default deadline: no wait is started, the 503 comes back with retryAfter", async (t) => {
    const server = await startServer(t, (_req, res, i) => hugeHint(res, i));
    const error = await getArchiveState(testClient(server), "j1").catch((e: unknown) => e);
    assert.ok(isDataPortabilityError(error));
    assert.equal(error.httpStatus, 503);
    assert.equal(server.requests.length, 1);
    assert.ok(error.retryAfter && error.retryAfter.getTime() > Date.now() + 1e9);
  });

  it("with a far deadline: the wait is capped at maxRetryAfterMs, then the retry succeeds", async (t) => {
    const server = await startServer(t, (_req, res, i) => hugeHint(res, i));
    const client = testClient(server, {
      retry: { attempts: 2, baseDelayMs: 1, maxRetryAfterMs: 50, deadlineMs: 1e12 },
    });
    assert.deepEqual(await getArchiveState(client, "j1"), { state: "COMPLETE" });
    assert.equal(server.requests.length, 2);
  });

  it("a Retry-After too long for a Date is ignored instead of breaking the error", async (t) => {
    const server = await startServer(t, (_req, res) =>
      sendJson(res, 503, googleError(503, "UNAVAILABLE", "later"), {
        "retry-after": "9".repeat(400),
      }),
    );
    const error = await getArchiveState(testClient(server, { retry: false }), "j1").catch(
      (e: unknown) => e,
    );
    assert.ok(isDataPortabilityError(error));
    assert.equal(error.retryAfter, undefined);
    assert.doesNotThrow(() => JSON.stringify(error.toJSON()));
  });
});
