import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { OAuth2Client } from "googleapis-common";
import { isDataPortabilityError } from "../../src/errors.js";
import { getArchiveState } from "../../src/methods/index.js";
import { redact, rememberSecret } from "../../src/redact.js";
import { googleError, type Recorded, sendJson, startServer, testClient } from "./helpers/server.js";

/** A server that answers 400 with the request's Authorization value (and `extra`) in its message. */
function echoServer(t: import("node:test").TestContext, extra = "") {
  return startServer(t, (req: Recorded, res) => {
    const message = `bad token ${String(req.headers.authorization).replace(/^Bearer /, "")} ${extra}`;
    sendJson(res, 400, googleError(400, "INVALID_ARGUMENT", message));
  });
}

async function failure(promise: Promise<unknown>) {
  const error = await promise.catch((e: unknown) => e);
  assert.ok(isDataPortabilityError(error), String(error));
  return [error.message, JSON.stringify(error), String(error.stack)].join("\n");
}

describe("secrets the auth source handled are redacted whatever their shape", () => {
  it("a static token echoed by the server", async (t) => {
    const token = "mysecret-abcdef123456";
    const server = await echoServer(t);
    const text = await failure(getArchiveState(testClient(server, { auth: token }), "j1"));
    assert.ok(!text.includes(token), text);
    assert.match(text, /bad token \[REDACTED\]/);
  });

  it("a token returned by a token function", async (t) => {
    const token = "fromfunction-0987654321";
    const server = await echoServer(t);
    const auth = async () => token;
    const text = await failure(getArchiveState(testClient(server, { auth }), "j1"));
    assert.ok(!text.includes(token), text);
  });

  it("an OAuth2Client's access and refresh tokens", async (t) => {
    const access = "clientaccess-1122334455";
    const refresh = "clientrefresh-5544332211";
    const server = await echoServer(t, `(refresh ${refresh})`);
    const client = new OAuth2Client({ clientId: "id" });
    client.setCredentials({
      access_token: access,
      refresh_token: refresh,
      expiry_date: Date.now() + 3_600_000,
    });
    const text = await failure(getArchiveState(testClient(server, { auth: client }), "j1"));
    assert.ok(!text.includes(access), text);
    assert.ok(!text.includes(refresh), text);
  });

  it("ignores values too short to be credentials", () => {
    rememberSecret("short");
    rememberSecret("");
    rememberSecret(undefined);
    assert.equal(redact("a short note"), "a short note");
  });
});
