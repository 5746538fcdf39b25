import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { createDataPortabilityClient } from "../../src/client.js";
import { isDataPortabilityError } from "../../src/errors.js";
import { PACKAGE_NAME, PACKAGE_VERSION } from "../../src/http/headers.js";
import {
  cancelArchive,
  checkAccessType,
  getArchiveState,
  initiateArchive,
  resetAuthorization,
  retryArchive,
} from "../../src/methods/index.js";
import {
  errorInfo,
  googleError,
  type Recorded,
  sendJson,
  startServer,
  testClient,
} from "./helpers/server.js";

/** A tiny API: answers each known path with a fixed body. */
function api(req: Recorded): [number, unknown] {
  const routes: Record<string, unknown> = {
    "POST /v1/authorization:reset": {},
    "POST /v1/accessType:check": {
      oneTimeResources: ["maps.reviews"],
      timeBasedResources: ["myactivity.youtube"],
    },
    "POST /v1/portabilityArchive:initiate": {
      archiveJobId: "job-1",
      accessType: "ACCESS_TYPE_ONE_TIME",
    },
    "GET /v1/archiveJobs/job-1/portabilityArchiveState": {
      name: "archiveJobs/job-1/portabilityArchiveState",
      state: "COMPLETE",
      urls: ["https://storage.example/a.zip?X-Goog-Signature=abc"],
    },
    "POST /v1/archiveJobs/job-1:retry": { archiveJobId: "job-2" },
    "POST /v1/archiveJobs/job-1:cancel": {},
  };
  const key = `${req.method} ${req.path.replace("/v1beta/", "/v1/")}`;
  return key in routes ? [200, routes[key]] : [404, googleError(404, "NOT_FOUND", `no ${key}`)];
}

async function apiServer(t: import("node:test").TestContext) {
  return startServer(t, (req, res) => {
    const [status, body] = api(req);
    sendJson(res, status, body);
  });
}

describe("method helpers: happy paths", () => {
  it("each helper calls its method and returns typed data", async (t) => {
    const server = await apiServer(t);
    const client = testClient(server);
    await resetAuthorization(client);
    assert.deepEqual(await checkAccessType(client), {
      oneTimeResources: ["maps.reviews"],
      timeBasedResources: ["myactivity.youtube"],
    });
    assert.deepEqual(await initiateArchive(client, { resources: ["myactivity.youtube"] }), {
      archiveJobId: "job-1",
      accessType: "ACCESS_TYPE_ONE_TIME",
    });
    const state = await getArchiveState(client, "job-1");
    assert.equal(state.state, "COMPLETE");
    assert.deepEqual(await retryArchive(client, "archiveJobs/job-1"), { archiveJobId: "job-2" });
    assert.equal(
      await cancelArchive(client, "archiveJobs/job-1/portabilityArchiveState"),
      undefined,
    );
    assert.deepEqual(
      server.requests.map((r) => `${r.method} ${r.path}`),
      [
        "POST /v1/authorization:reset",
        "POST /v1/accessType:check",
        "POST /v1/portabilityArchive:initiate",
        "GET /v1/archiveJobs/job-1/portabilityArchiveState",
        "POST /v1/archiveJobs/job-1:retry",
        "POST /v1/archiveJobs/job-1:cancel",
      ],
    );
  });

  it("methods whose request message is empty send no body", async (t) => {
    const server = await apiServer(t);
    const client = testClient(server);
    await resetAuthorization(client);
    await checkAccessType(client);
    await retryArchive(client, "job-1");
    await cancelArchive(client, "job-1");
    for (const req of server.requests) {
      assert.equal(req.body, "", req.path);
      assert.equal(req.headers["content-type"], undefined, req.path);
    }
  });

  it("initiate sends resources and times (Date or RFC 3339) as JSON", async (t) => {
    const server = await apiServer(t);
    await initiateArchive(testClient(server), {
      resources: ["myactivity.youtube", "myactivity.youtube", "chrome.history"],
      startTime: new Date("2025-01-01T00:00:00Z"),
      endTime: "2025-06-30T12:00:00+02:00",
    });
    assert.deepEqual(JSON.parse(server.requests[0]?.body ?? ""), {
      resources: ["myactivity.youtube", "chrome.history"],
      startTime: "2025-01-01T00:00:00.000Z",
      endTime: "2025-06-30T10:00:00.000Z",
    });
  });

  it("a v1beta client uses the v1beta paths", async (t) => {
    const server = await apiServer(t);
    const client = createDataPortabilityClient({
      auth: "t",
      baseUrl: server.url,
      version: "v1beta",
    });
    await getArchiveState(client, "job-1");
    await client.POST("/v1beta/authorization:reset");
    assert.deepEqual(
      server.requests.map((r) => r.path),
      ["/v1beta/archiveJobs/job-1/portabilityArchiveState", "/v1beta/authorization:reset"],
    );
  });

  it("sends x-goog-api-client, a User-Agent and x-goog-user-project", async (t) => {
    const server = await apiServer(t);
    await resetAuthorization(
      testClient(server, { userAgent: "my-app/2.0", quotaProject: "proj-7" }),
    );
    await resetAuthorization(testClient(server));
    const [withProject, plain] = server.requests;
    const node = process.versions.node;
    const product = `${PACKAGE_NAME}/${PACKAGE_VERSION}`;
    assert.equal(withProject?.headers["x-goog-api-client"], `gl-node/${node} ${product}`);
    assert.equal(withProject?.headers["user-agent"], `my-app/2.0 ${product} node/${node}`);
    assert.equal(withProject?.headers["x-goog-user-project"], "proj-7");
    assert.equal(plain?.headers["user-agent"], `${product} node/${node}`);
    assert.equal(plain?.headers["x-goog-user-project"], undefined);
  });

  it("PACKAGE_VERSION matches package.json", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    assert.equal(PACKAGE_VERSION, pkg.version);
    assert.equal(PACKAGE_NAME, pkg.name);
  });
});

describe("method helpers: errors say what to do", () => {
  async function failWith(t: import("node:test").TestContext, status: number, body: unknown) {
    const server = await startServer(t, (_req, res) => sendJson(res, status, body));
    const error = await initiateArchive(testClient(server), { resources: ["maps.reviews"] }).catch(
      (e: unknown) => e,
    );
    assert.ok(isDataPortabilityError(error));
    return error;
  }

  it("ALREADY_EXISTS names the existing job", async (t) => {
    const error = await failWith(
      t,
      409,
      googleError(409, "ALREADY_EXISTS", "exists", [
        errorInfo("ALREADY_EXISTS_ONE_TIME", { job_id: "job-9" }),
      ]),
    );
    assert.equal(error.kind, "api");
    assert.equal(error.status, "ALREADY_EXISTS");
    assert.deepEqual(error.jobIds, ["job-9"]);
    assert.match(error.message, /use the existing job id job-9/);
  });

  it("one-time exhaustion lists previous jobs and advises reset + consent", async (t) => {
    const error = await failWith(
      t,
      429,
      googleError(429, "RESOURCE_EXHAUSTED", "used", [
        errorInfo("RESOURCE_EXHAUSTED_ONE_TIME", { previous_job_ids: "a1, b2,,c3" }),
      ]),
    );
    assert.equal(error.reason, "RESOURCE_EXHAUSTED_ONE_TIME");
    assert.deepEqual(error.jobIds, ["a1", "b2", "c3"]);
    assert.equal(error.retryable, false);
    assert.match(error.message, /resetAuthorization/);
  });

  it("time-based exhaustion says when to try again", async (t) => {
    const error = await failWith(
      t,
      429,
      googleError(429, "RESOURCE_EXHAUSTED", "24h", [
        errorInfo("RESOURCE_EXHAUSTED_TIME_BASED", {
          previous_job_ids: "p1",
          timestamp_after_24hrs: "2030-01-02T03:04:05Z",
        }),
      ]),
    );
    assert.equal(error.retryAfter?.toISOString(), "2030-01-02T03:04:05.000Z");
    assert.equal(error.retryable, true);
    assert.match(error.message, /wait until 2030-01-02T03:04:05.000Z/);
  });

  it("403 advises consent; 404 advises checking the job id", async (t) => {
    const denied = await failWith(t, 403, googleError(403, "PERMISSION_DENIED", "not authorized"));
    assert.match(denied.message, /consent/);
    const server = await startServer(t, (_req, res) =>
      sendJson(res, 404, googleError(404, "NOT_FOUND", "nope")),
    );
    const missing = await getArchiveState(testClient(server), "job-x").catch((e: unknown) => e);
    assert.ok(isDataPortabilityError(missing));
    assert.equal(missing.status, "NOT_FOUND");
    assert.match(missing.message, /job id/);
  });

  it("an HTML or empty error body gets the same shape from the HTTP status", async (t) => {
    const server = await startServer(t, (_req, res, i) => {
      res.writeHead(i === 0 ? 502 : 500, { "content-type": "text/html" });
      res.end(i === 0 ? "<html>Bad Gateway</html>" : "");
    });
    const client = testClient(server, { retry: false });
    for (const expected of [502, 500]) {
      const error = await resetAuthorization(client).catch((e: unknown) => e);
      assert.ok(isDataPortabilityError(error));
      assert.equal(error.httpStatus, expected);
      assert.equal(error.status, expected === 502 ? "UNAVAILABLE" : "INTERNAL");
      assert.equal(error.retryable, true);
    }
  });

  it("rejects bad input before any request", async (t) => {
    const server = await apiServer(t);
    const client = testClient(server);
    const bad: [string, () => Promise<unknown>][] = [
      ["no resources", () => initiateArchive(client, { resources: [] })],
      [
        "bad time",
        () => initiateArchive(client, { resources: ["maps.reviews"], startTime: "yesterday" }),
      ],
      [
        "invalid Date",
        () => initiateArchive(client, { resources: ["maps.reviews"], endTime: new Date("x") }),
      ],
      [
        "start after end",
        () =>
          initiateArchive(client, {
            resources: ["maps.reviews"],
            startTime: "2025-02-01T00:00:00Z",
            endTime: "2025-01-01T00:00:00Z",
          }),
      ],
    ];
    for (const [name, run] of bad) {
      await assert.rejects(
        run,
        (e: unknown) => isDataPortabilityError(e) && e.kind === "usage",
        name,
      );
    }
    assert.equal(server.requests.length, 0);
  });
});

describe("job ids", () => {
  it("accepts the three forms and rejects the rest before any request", async (t) => {
    const server = await apiServer(t);
    const client = testClient(server);
    for (const id of ["job-1", "archiveJobs/job-1", "archiveJobs/job-1/portabilityArchiveState"]) {
      assert.equal((await getArchiveState(client, id)).state, "COMPLETE");
    }
    const bad = [
      "",
      "../x",
      "a/b",
      "?",
      "#",
      "job 1",
      " job-1",
      "job-1\n",
      "archiveJobs/",
      "..",
      "job-1/portabilityArchiveState",
      "archiveJobs/a/b",
      "%2e%2e",
    ];
    for (const id of bad) {
      await assert.rejects(
        getArchiveState(client, id),
        (e: unknown) =>
          isDataPortabilityError(e) &&
          e.kind === "usage" &&
          e.message.includes('"archiveJobs/<id>"') &&
          e.message.includes("portabilityArchiveState"),
        JSON.stringify(id),
      );
    }
    assert.equal(server.requests.length, 3);
  });
});

describe("options", () => {
  it("requires https except on loopback", () => {
    for (const baseUrl of [
      "http://127.0.0.1:1",
      "http://127.9.8.7",
      "http://localhost:8080/",
      "http://[::1]:9",
      "https://example.com/proxy/",
    ]) {
      assert.doesNotThrow(() => createDataPortabilityClient({ auth: "t", baseUrl }), baseUrl);
    }
    for (const baseUrl of [
      "http://example.com",
      "http://10.0.0.1",
      "http://127.0.0.1.example.com",
      "ftp://x",
      "not a url",
      "https://u:p@example.com",
      "https://example.com/?q=1",
    ]) {
      assert.throws(
        () => createDataPortabilityClient({ auth: "t", baseUrl }),
        (e: unknown) => isDataPortabilityError(e) && e.kind === "usage",
        baseUrl,
      );
    }
  });

  it("validates version and retry numbers", () => {
    const bad = [
      { version: "v2" },
      { retry: { attempts: 0 } },
      { retry: { attempts: 1.5 } },
      { retry: { baseDelayMs: -1 } },
      { timeoutMs: 0 },
    ];
    for (const options of bad) {
      assert.throws(
        () => createDataPortabilityClient({ auth: "t", ...(options as object) }),
        (e: unknown) => isDataPortabilityError(e) && e.kind === "usage",
        JSON.stringify(options),
      );
    }
  });
});

describe("raw client", () => {
  it("drops an empty {} body for methods whose request message has no fields", async (t) => {
    const server = await apiServer(t);
    const client = testClient(server);
    await client.POST("/v1/authorization:reset", { body: {} });
    await client.POST("/v1/portabilityArchive:initiate", { body: { resources: ["maps.reviews"] } });
    assert.equal(server.requests[0]?.body, "");
    assert.equal(server.requests[0]?.headers["content-type"], undefined);
    assert.equal(server.requests[1]?.body, '{"resources":["maps.reviews"]}');
  });
});
