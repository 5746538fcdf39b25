import assert from "node:assert/strict";
import type { ServerResponse } from "node:http";
import { before, describe, it } from "node:test";
import type { DataPortabilityClient } from "../../src/client.js";
import { isDataPortabilityError } from "../../src/errors.js";
import { createTransport } from "../../src/http/transport.js";
import { initiateArchive } from "../../src/methods/index.js";
import { backoffDelay } from "../../src/retry/backoff.js";
import {
  closedPort,
  errorInfo,
  FAST_RETRY,
  googleError,
  sendJson,
  startServer,
  testClient,
} from "./helpers/server.js";

type Call = (client: DataPortabilityClient) => Promise<unknown>;
const job = { params: { path: { archiveJobsId: "j1" } } };

const CALLS: Record<string, Call> = {
  "GET state": (c) => c.GET("/v1/archiveJobs/{archiveJobsId}/portabilityArchiveState", job),
  "POST reset": (c) => c.POST("/v1/authorization:reset"),
  "POST cancel": (c) => c.POST("/v1/archiveJobs/{archiveJobsId}:cancel", job),
  "POST accessType.check": (c) => c.POST("/v1/accessType:check"),
  "POST retry": (c) => c.POST("/v1/archiveJobs/{archiveJobsId}:retry", job),
  "POST initiate": (c) =>
    c.POST("/v1/portabilityArchive:initiate", { body: { resources: ["myactivity.youtube"] } }),
};

function run(name: string, client: DataPortabilityClient): Promise<unknown> {
  const call = CALLS[name];
  assert.ok(call, name);
  return call(client);
}

const STATUS_NAMES: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  408: "DEADLINE_EXCEEDED",
  409: "ALREADY_EXISTS",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  502: "UNAVAILABLE",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

/** Faults the server can answer every request with. */
const FAULTS: Record<string, (res: ServerResponse) => void> = {
  ...Object.fromEntries(
    Object.entries(STATUS_NAMES).map(([code, name]) => [
      code,
      (res: ServerResponse) => sendJson(res, Number(code), googleError(Number(code), name, "no")),
    ]),
  ),
  "429 RESOURCE_EXHAUSTED_ONE_TIME": (res) =>
    sendJson(
      res,
      429,
      googleError(429, "RESOURCE_EXHAUSTED", "used", [errorInfo("RESOURCE_EXHAUSTED_ONE_TIME")]),
    ),
  "429 RESOURCE_EXHAUSTED_TIME_BASED": (res) =>
    sendJson(
      res,
      429,
      googleError(429, "RESOURCE_EXHAUSTED", "24h", [errorInfo("RESOURCE_EXHAUSTED_TIME_BASED")]),
    ),
  "502 HTML from a proxy": (res) => {
    res.writeHead(502, { "content-type": "text/html" });
    res.end("<html><body>Bad Gateway</body></html>");
  },
  "connection reset": (res) => res.socket?.destroy(),
  "no answer (timeout)": () => {},
};

const RETRIED = [
  "408",
  "429",
  "500",
  "502",
  "503",
  "504",
  "502 HTML from a proxy",
  "connection reset",
  "no answer (timeout)",
];
const NEVER = [
  "400",
  "403",
  "404",
  "409",
  "429 RESOURCE_EXHAUSTED_ONE_TIME",
  "429 RESOURCE_EXHAUSTED_TIME_BASED",
];

// [call, fault, attempts expected with attempts: 3]
const MATRIX: [string, string, number][] = [
  ...RETRIED.map((f): [string, string, number] => ["GET state", f, 3]),
  ...NEVER.map((f): [string, string, number] => ["GET state", f, 1]),
  ...["POST reset", "POST cancel", "POST accessType.check"].flatMap((call) => [
    ...["503", "500", "429", "connection reset", "no answer (timeout)"].map(
      (f): [string, string, number] => [call, f, 3],
    ),
    ...["400", "403", "404", "409"].map((f): [string, string, number] => [call, f, 1]),
  ]),
  ...["POST retry", "POST initiate"].flatMap((call) =>
    ["503", "500", "502", "504", "429", "408", "connection reset", "no answer (timeout)"].map(
      (f): [string, string, number] => [call, f, 1],
    ),
  ),
];

describe("retry matrix (attempts counted by the server)", () => {
  // The first fetch in a process loads undici; do it before attempts are timed.
  before(async () => {
    await fetch("data:,warm");
  });

  for (const [call, fault, expected] of MATRIX) {
    it(`${call} × ${fault} → ${expected} attempt(s)`, async (t) => {
      const server = await startServer(t, (_req, res) => FAULTS[fault]?.(res));
      const client = testClient(server, { timeoutMs: fault.includes("timeout") ? 100 : 10_000 });
      await run(call, client).catch((error: unknown) => {
        assert.ok(isDataPortabilityError(error), String(error));
      });
      assert.equal(server.requests.length, expected);
    });
  }

  it("stops retrying at the first success and returns its data", async (t) => {
    const server = await startServer(t, (_req, res, i) =>
      i < 2
        ? sendJson(res, 503, googleError(503, "UNAVAILABLE", "later"))
        : sendJson(res, 200, { state: "IN_PROGRESS" }),
    );
    const { data } = (await run("GET state", testClient(server))) as { data: unknown };
    assert.deepEqual(data, { state: "IN_PROGRESS" });
    assert.equal(server.requests.length, 3);
  });

  it("sends an identical body on every attempt", async (t) => {
    const server = await startServer(t, (_req, res, i) =>
      i < 2 ? sendJson(res, 503, googleError(503, "UNAVAILABLE", "later")) : sendJson(res, 200, {}),
    );
    const transport = createTransport({
      fetch: globalThis.fetch,
      policy: { ...FAST_RETRY, maxRetryAfterMs: 1000, deadlineMs: 10_000, timeoutMs: 5_000 },
      auth: { headers: async () => new Headers() },
      signal: undefined,
    });
    const body = JSON.stringify({ payload: "x".repeat(4096), n: [1, 2, 3] });
    const response = await transport(
      new Request(`${server.url}/v1/authorization:reset`, { method: "POST", body }),
    );
    assert.equal(response.status, 200);
    assert.deepEqual(
      server.requests.map((r) => r.body),
      [body, body, body],
    );
  });

  it("retries initiate and retry when the connection is refused (nothing was sent)", async () => {
    for (const call of ["POST initiate", "POST retry", "GET state"]) {
      let sends = 0;
      const counting = (request: Request) => {
        sends++;
        return fetch(request);
      };
      const client = testClient({ url: await closedPort() }, { fetch: counting });
      const error = await run(call, client).catch((e: unknown) => e);
      assert.ok(isDataPortabilityError(error));
      assert.equal(error.kind, "network");
      assert.match(error.message, /ECONNREFUSED/);
      assert.equal(sends, 3, call);
    }
  });

  it("honours a per-request override passed in the request options", async (t) => {
    const server = await startServer(t, (_req, res) =>
      sendJson(res, 503, googleError(503, "UNAVAILABLE", "later")),
    );
    const client = testClient(server);
    await client.GET("/v1/archiveJobs/{archiveJobsId}/portabilityArchiveState", {
      ...job,
      retry: false,
    });
    assert.equal(server.requests.length, 1);
    await client.GET("/v1/archiveJobs/{archiveJobsId}/portabilityArchiveState", {
      ...job,
      retry: { attempts: 2 },
    });
    assert.equal(server.requests.length, 3);
  });

  it("retry: false on the client sends every request once", async (t) => {
    const server = await startServer(t, (_req, res) =>
      sendJson(res, 500, googleError(500, "INTERNAL", "x")),
    );
    await run("GET state", testClient(server, { retry: false }));
    assert.equal(server.requests.length, 1);
  });
});

describe("initiate after a 503", () => {
  it("reaches the server exactly once and throws a retryable error naming the duplicate-job risk", async (t) => {
    const server = await startServer(t, (_req, res) =>
      sendJson(res, 503, googleError(503, "UNAVAILABLE", "try later")),
    );
    const error = await initiateArchive(testClient(server), {
      resources: ["myactivity.youtube"],
    }).catch((e: unknown) => e);
    assert.equal(server.requests.length, 1);
    assert.ok(isDataPortabilityError(error));
    assert.equal(error.retryable, true);
    assert.equal(error.httpStatus, 503);
    assert.match(error.message, /duplicate job/);
    assert.match(error.message, /existing job/);
  });

  it("after a reset mid-flight: one request, and the message warns about a duplicate job", async (t) => {
    const server = await startServer(t, (_req, res) => {
      res.socket?.destroy();
    });
    const error = await initiateArchive(testClient(server), { resources: ["maps.reviews"] }).catch(
      (e: unknown) => e,
    );
    assert.equal(server.requests.length, 1);
    assert.ok(isDataPortabilityError(error));
    assert.equal(error.kind, "network");
    assert.match(error.message, /duplicate job/);
  });
});

describe("backoff with full jitter", () => {
  it("stays within [0, min(cap, base·2^(n-1))) for any random value", () => {
    for (const r of [0, 0.25, 0.5, 0.999_999]) {
      for (let n = 1; n <= 10; n++) {
        const ceiling = Math.min(32_000, 1000 * 2 ** (n - 1));
        const wait = backoffDelay(n, { baseDelayMs: 1000, maxDelayMs: 32_000, random: () => r });
        assert.ok(wait >= 0 && wait < ceiling, `n=${n} r=${r} wait=${wait}`);
        assert.equal(wait, Math.floor(ceiling * r));
      }
    }
  });

  it("uses the injected random source", async (t) => {
    const server = await startServer(t, (_req, res) =>
      sendJson(res, 503, googleError(503, "UNAVAILABLE", "x")),
    );
    const draws: number[] = [];
    const random = () => {
      draws.push(draws.length);
      return 0;
    };
    await run("GET state", testClient(server, { retry: { ...FAST_RETRY, attempts: 4, random } }));
    assert.equal(server.requests.length, 4);
    assert.ok(draws.length >= 3);
  });
});
