/**
 * Bad input gets a clear Google-shaped error, never a crash, and the state survives it.
 */

import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { after, before, describe, test } from "node:test";
import { type RunningEmulator, startEmulator } from "../../src/emulator/index.js";

let run: RunningEmulator;
let token: string;
before(async () => {
  run = await startEmulator({ pollsUntilComplete: 1 });
  token = run.emulator.issueToken({
    resources: ["myactivity.youtube", "chrome.history"],
  }).accessToken;
});
after(async () => {
  await run.close();
});

interface GoogleError {
  error: { code: number; status: string; message: string; details: { reason?: string }[] };
}

async function call(
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; body: GoogleError; headers: Headers }> {
  const headers = new Headers(init.headers);
  if (!headers.has("authorization")) {
    headers.set("authorization", `Bearer ${token}`);
  }
  const response = await fetch(`${run.url}${path}`, { ...init, headers });
  return {
    status: response.status,
    body: (await response.json()) as GoogleError,
    headers: response.headers,
  };
}

const json = (body: string) => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body,
});

describe("bad input", () => {
  test("bodies: malformed JSON, wrong content type, wrong types, unknown and duplicate fields", async () => {
    const cases: [string, RequestInit, RegExp][] = [
      ["/v1/portabilityArchive:initiate", json("{resources:"), /Invalid JSON payload/],
      [
        "/v1/portabilityArchive:initiate",
        { method: "POST", headers: { "content-type": "text/plain" }, body: "{}" },
        /Content-Type/,
      ],
      [
        "/v1/portabilityArchive:initiate",
        json('{"resources":"myactivity.youtube"}'),
        /Invalid value at 'resources'/,
      ],
      ["/v1/portabilityArchive:initiate", json('{"resources":[1]}'), /resources\[0\]/],
      [
        "/v1/portabilityArchive:initiate",
        json('{"resources":["myactivity.youtube"],"start_time":"yesterday"}'),
        /start_time.*Timestamp/,
      ],
      [
        "/v1/portabilityArchive:initiate",
        json(
          '{"resources":["myactivity.youtube"],"startTime":"2024-01-01T00:00:00Z","start_time":"2024-01-01T00:00:00Z"}',
        ),
        /given twice/,
      ],
      [
        "/v1/portabilityArchive:initiate",
        json('{"resources":["myactivity.nope"]}'),
        /Unknown resource group/,
      ],
      ["/v1/portabilityArchive:initiate", json('{"resources":[]}'), /at least one/],
      ["/v1/portabilityArchive:initiate", json("[]"), /Root element/],
      ["/v1/authorization:reset", json('{"force":true}'), /Unknown name "force"/],
      ["/v1/accessType:check?verbose=1", json("{}"), /Cannot bind query parameter/],
      ["/v1/accessType:check?prettyPrint=maybe", json("{}"), /prettyPrint/],
      ["/v1/archiveJobs/bad%20id!/portabilityArchiveState", {}, /Invalid resource name/],
      ["/v1/archiveJobs/archiveJobs%2Fabc:retry", { method: "POST" }, /Invalid resource name/],
    ];
    for (const [path, init, message] of cases) {
      const { status, body } = await call(path, init);
      assert.equal(status, 400, path);
      assert.equal(body.error.status, "INVALID_ARGUMENT", path);
      assert.match(body.error.message, message, path);
      assert.equal(
        body.error.details[0]?.["@type" as "reason"],
        "type.googleapis.com/google.rpc.ErrorInfo",
      );
    }
  });

  test("empty request messages take no body or {}", async () => {
    assert.equal((await call("/v1/accessType:check", { method: "POST" })).status, 200);
    assert.equal((await call("/v1/accessType:check", json("{}"))).status, 200);
    const compact = await fetch(`${run.url}/v1/accessType:check?prettyPrint=false&alt=json`, {
      ...json(" {} "),
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    });
    assert.equal(
      await compact.text(),
      '{"oneTimeResources":["myactivity.youtube","chrome.history"]}',
    );
  });

  test("oversized bodies → 413, unknown paths → 404", async () => {
    const big = await call(
      "/v1/portabilityArchive:initiate",
      json(`{"resources":["${"x".repeat(70_000)}"]}`),
    );
    assert.equal(big.status, 413);
    assert.match(big.body.error.message, /larger than 65536 bytes/);
    const missing = await call("/v1/nothing:here", { method: "POST" });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.status, "NOT_FOUND");
  });

  // Google routes REST-transcoded APIs on verb and path together: a wrong verb is an unknown
  // route, and the JSON code always equals the HTTP status with its google.rpc name.
  test("wrong verbs are 404 NOT_FOUND like an unknown route, with an Allow hint", async () => {
    for (const [path, method, allow] of [
      ["/v1/portabilityArchive:initiate", "GET", "POST"],
      ["/v1/archiveJobs/abc/portabilityArchiveState", "POST", "GET"],
      ["/v1beta/authorization:reset", "DELETE", "POST"],
      ["/token", "GET", "POST"],
      ["/o/oauth2/v2/auth", "POST", "GET"],
    ] as const) {
      const wrong = await call(path, { method });
      const unknown = await call(`${path}x`, { method });
      assert.equal(wrong.status, 404, `${method} ${path}`);
      assert.equal(wrong.headers.get("allow"), allow);
      assert.deepEqual(wrong.body, {
        error: {
          code: 404,
          message: `The requested URL ${path} was not found on this server.`,
          status: "NOT_FOUND",
          details: [
            {
              "@type": "type.googleapis.com/google.rpc.ErrorInfo",
              reason: "METHOD_NOT_FOUND",
              domain: "googleapis.com",
            },
          ],
        },
      });
      assert.equal(unknown.status, 404, `${method} ${path}x`);
      assert.equal(unknown.body.error.status, "NOT_FOUND");
    }
  });

  test("a client that hangs up mid-body does not disturb the emulator or its state", async () => {
    const job = await call(
      "/v1/portabilityArchive:initiate",
      json('{"resources":["chrome.history"]}'),
    );
    const jobId = (job.body as unknown as { archiveJobId: string }).archiveJobId;
    await new Promise<void>((resolve) => {
      const req = httpRequest(`${run.url}/v1/portabilityArchive:initiate`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": "1000",
          authorization: `Bearer ${token}`,
        },
      });
      req.on("error", () => resolve());
      req.write('{"resources":["my');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 20);
    });
    const state = await call(`/v1/archiveJobs/${jobId}/portabilityArchiveState`);
    assert.equal(state.status, 200);
    assert.equal((state.body as unknown as { state: string }).state, "COMPLETE");
  });
});
