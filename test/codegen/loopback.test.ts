import assert from "node:assert/strict";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import createClient from "openapi-fetch";
import type { paths } from "../../generated/dataportability.v1.js";

interface Seen {
  method: string;
  url: string;
  body: string;
  contentType: string | undefined;
}

/** Answers each call with a canned JSON body and records exactly what arrived. */
function startServer(): Promise<{ url: string; seen: Seen[]; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const replies: Record<string, unknown> = {
    "/v1/portabilityArchive:initiate": { archiveJobId: "abc", accessType: "ACCESS_TYPE_ONE_TIME" },
    "/v1/archiveJobs/abc/portabilityArchiveState": {
      name: "archiveJobs/abc/portabilityArchiveState",
      state: "COMPLETE",
      urls: [],
    },
    "/v1/archiveJobs/abc:retry": { archiveJobId: "def" },
    "/v1/accessType:check": { oneTimeResources: ["myactivity.youtube"], timeBasedResources: [] },
  };
  const server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
    }
    const url = req.url ?? "";
    seen.push({
      method: req.method ?? "",
      url,
      body: Buffer.concat(chunks).toString(),
      contentType: req.headers["content-type"],
    });
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(replies[url] ?? {}));
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        seen,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

describe("openapi-fetch with the generated v1 paths", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  test("all six methods reach the server with the exact verb and raw path", async () => {
    const client = createClient<paths>({ baseUrl: server.url });
    const path = { archiveJobsId: "abc" };
    const reset = await client.POST("/v1/authorization:reset");
    assert.deepEqual(reset.data, {});
    const initiate = await client.POST("/v1/portabilityArchive:initiate", {
      body: { resources: ["myactivity.youtube"], startTime: "2024-01-01T00:00:00Z" },
    });
    assert.equal(initiate.data?.archiveJobId, "abc");
    const state = await client.GET("/v1/archiveJobs/{archiveJobsId}/portabilityArchiveState", {
      params: { path },
    });
    assert.equal(state.data?.state, "COMPLETE");
    const retried = await client.POST("/v1/archiveJobs/{archiveJobsId}:retry", {
      params: { path },
    });
    assert.equal(retried.data?.archiveJobId, "def");
    await client.POST("/v1/archiveJobs/{archiveJobsId}:cancel", { params: { path } });
    const check = await client.POST("/v1/accessType:check");
    assert.deepEqual(check.data?.oneTimeResources, ["myactivity.youtube"]);

    assert.deepEqual(
      server.seen.map((s) => `${s.method} ${s.url}`),
      [
        "POST /v1/authorization:reset",
        "POST /v1/portabilityArchive:initiate",
        "GET /v1/archiveJobs/abc/portabilityArchiveState",
        "POST /v1/archiveJobs/abc:retry",
        "POST /v1/archiveJobs/abc:cancel",
        "POST /v1/accessType:check",
      ],
    );
    const first = server.seen[0];
    assert.equal(first?.body, "", "reset sends no body");
    assert.equal(first?.contentType, undefined, "and no content type");
    assert.deepEqual(JSON.parse(server.seen[1]?.body ?? ""), {
      resources: ["myactivity.youtube"],
      startTime: "2024-01-01T00:00:00Z",
    });
  });

  test("a Google error body is typed as google.rpc.Status", async () => {
    const errorServer = createServer((_req, res) => {
      res.writeHead(409, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          error: { code: 409, message: "exists", status: "ALREADY_EXISTS", details: [] },
        }),
      );
    });
    await new Promise<void>((resolve) => errorServer.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = errorServer.address() as AddressInfo;
      const client = createClient<paths>({ baseUrl: `http://127.0.0.1:${port}` });
      const { error } = await client.POST("/v1/portabilityArchive:initiate", {
        body: { resources: [] },
      });
      const status: string | undefined = error?.error.status;
      assert.equal(status, "ALREADY_EXISTS");
      assert.equal(error?.error.code, 409);
    } finally {
      await new Promise<void>((done) => errorServer.close(() => done()));
    }
  });
});
