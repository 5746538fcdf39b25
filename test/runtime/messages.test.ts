import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isDataPortabilityError } from "../../src/errors.js";
import { getArchiveState, resetAuthorization } from "../../src/methods/index.js";
import { googleError, sendJson, startServer, testClient } from "./helpers/server.js";

async function messageOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.catch((e: unknown) => e);
  assert.ok(isDataPortabilityError(error), String(error));
  return error.message;
}

const unauthenticated = googleError(401, "UNAUTHENTICATED", "Request had invalid credentials.");

describe("a rejected token: the message says what happened", () => {
  it("a static token after reset: no refresh is claimed; obtain a new token", async (t) => {
    const server = await startServer(t, (req, res) =>
      req.path.includes("reset") ? sendJson(res, 200, {}) : sendJson(res, 401, unauthenticated),
    );
    const client = testClient(server, { auth: "static-token-123456" });
    await resetAuthorization(client);
    const message = await messageOf(getArchiveState(client, "j1"));
    assert.doesNotMatch(message, /refreshed/);
    assert.match(message, /cannot refresh it/);
    assert.match(message, /Obtain a new token/);
    assert.match(message, /consent again/);
    assert.equal(server.requests.length, 2);
  });

  it("a refreshable source that still gets a 401: says a refresh was tried", async (t) => {
    const server = await startServer(t, (_req, res) => sendJson(res, 401, unauthenticated));
    let calls = 0;
    const auth = async () => `function-token-${++calls}-abcdef`;
    const message = await messageOf(getArchiveState(testClient(server, { auth }), "j1"));
    assert.match(message, /even after a refresh/);
    assert.match(message, /consent again/);
    assert.equal(server.requests.length, 2);
  });
});

describe("server messages become one sentence", () => {
  const CASES: [string, RegExp][] = [
    ["The job is not visible with this authorization.", /authorization\. Check the job id/],
    ["not found", /not found\. Check the job id/],
    ["Really?", /Really\? Check the job id/],
  ];
  for (const [text, expected] of CASES) {
    it(JSON.stringify(text), async (t) => {
      const server = await startServer(t, (_req, res) =>
        sendJson(res, 404, googleError(404, "NOT_FOUND", text)),
      );
      const message = await messageOf(getArchiveState(testClient(server), "j1"));
      assert.match(message, expected);
      assert.doesNotMatch(message, /\.\./);
    });
  }
});
