import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { describe, it } from "node:test";
import { promisify } from "node:util";
import { GoogleAuth, OAuth2Client } from "googleapis-common";
import { createDataPortabilityClient } from "../../src/client.js";
import { isDataPortabilityError } from "../../src/errors.js";
import { checkAccessType } from "../../src/methods/index.js";
import { googleError, type Recorded, sendJson, startServer, testClient } from "./helpers/server.js";

const CHECK = "/v1/accessType:check" as const;
const OK = { oneTimeResources: ["maps.reviews"], timeBasedResources: [] };
const unauthenticated = googleError(
  401,
  "UNAUTHENTICATED",
  "Request had invalid authentication credentials.",
);

/** An API + token endpoint: tokens are `ya29.token-N`; the API accepts only `accepted` ones. */
async function oauthServer(
  t: import("node:test").TestContext,
  accepted: (token: string) => boolean,
) {
  let issued = 0;
  const server = await startServer(t, (req: Recorded, res) => {
    if (req.path === "/token") {
      issued++;
      const form = new URLSearchParams(req.body);
      assert.equal(form.get("grant_type"), "refresh_token");
      assert.equal(form.get("refresh_token"), "1//refresh-secret-abc");
      sendJson(res, 200, {
        access_token: `ya29.token-${issued}`,
        expires_in: 3600,
        token_type: "Bearer",
      });
      return;
    }
    const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
    sendJson(res, accepted(token) ? 200 : 401, accepted(token) ? OK : unauthenticated);
  });
  const api = () => server.requests.filter((r) => r.path !== "/token");
  const tokens = () => server.requests.filter((r) => r.path === "/token").length;
  return { server, api, tokens };
}

describe("auth sources", () => {
  it("sends a static token as a Bearer header set by the middleware", async (t) => {
    const server = await startServer(t, (_req, res) => sendJson(res, 200, OK));
    await testClient(server, { auth: "static-token" }).POST(CHECK);
    assert.equal(server.requests[0]?.headers.authorization, "Bearer static-token");
  });

  it("refuses a client without credentials before any request", () => {
    for (const auth of [undefined, "", {}, 42]) {
      assert.throws(
        () => createDataPortabilityClient({ auth: auth as never }),
        (e: unknown) =>
          isDataPortabilityError(e) && e.kind === "auth" && /No credentials/.test(e.message),
      );
    }
  });

  it("401 → one refresh → one resend with the new token", async (t) => {
    const server = await startServer(t, (req, res) =>
      req.headers.authorization === "Bearer fresh"
        ? sendJson(res, 200, OK)
        : sendJson(res, 401, unauthenticated),
    );
    const calls: boolean[] = [];
    const auth = async ({ forceRefresh }: { forceRefresh: boolean }) => {
      calls.push(forceRefresh);
      return forceRefresh ? "fresh" : "stale";
    };
    const { data } = await testClient(server, { auth }).POST(CHECK);
    assert.deepEqual(data, OK);
    assert.deepEqual(calls, [false, true]);
    assert.deepEqual(
      server.requests.map((r) => r.headers.authorization),
      ["Bearer stale", "Bearer fresh"],
    );
  });

  it("a second 401 is returned, not looped", async (t) => {
    const server = await startServer(t, (_req, res) => sendJson(res, 401, unauthenticated));
    let calls = 0;
    const client = testClient(server, { auth: () => `t${++calls}` });
    const { error, response } = await client.POST(CHECK);
    assert.equal(response.status, 401);
    assert.ok(error);
    assert.equal(server.requests.length, 2);
    assert.equal(calls, 2);
    const thrown = await checkAccessType(client).catch((e: unknown) => e);
    assert.ok(isDataPortabilityError(thrown));
    assert.equal(thrown.kind, "auth");
    assert.match(thrown.message, /even after a refresh.*consent again/);
  });

  it("a static token cannot be refreshed: the 401 comes back after one request", async (t) => {
    const server = await startServer(t, (_req, res) => sendJson(res, 401, unauthenticated));
    const { response } = await testClient(server).POST(CHECK);
    assert.equal(response.status, 401);
    assert.equal(server.requests.length, 1);
  });

  it("a googleapis-common OAuth2Client refreshes against a loopback token endpoint", async (t) => {
    const { server, api, tokens } = await oauthServer(t, (token) => token === "ya29.token-2");
    const oauth = new OAuth2Client({
      clientId: "cid",
      clientSecret: "csecret",
      endpoints: { oauth2TokenUrl: `${server.url}/token` },
    });
    oauth.setCredentials({ refresh_token: "1//refresh-secret-abc" });
    const { data } = await testClient(server, { auth: oauth }).POST(CHECK);
    assert.deepEqual(data, OK);
    assert.equal(tokens(), 2, "one token for the first request, one refresh after the 401");
    assert.deepEqual(
      api().map((r) => r.headers.authorization),
      ["Bearer ya29.token-1", "Bearer ya29.token-2"],
    );
  });

  it("GoogleAuth wrapping a client, and authorized_user JSON, both work", async (t) => {
    const { server, api } = await oauthServer(t, () => true);
    const oauth = new OAuth2Client({ endpoints: { oauth2TokenUrl: `${server.url}/token` } });
    oauth.setCredentials({ refresh_token: "1//refresh-secret-abc" });
    await testClient(server, { auth: new GoogleAuth({ authClient: oauth }) }).POST(CHECK);
    const json = {
      type: "authorized_user" as const,
      client_id: "cid",
      client_secret: "csecret",
      refresh_token: "1//refresh-secret-abc",
      token_uri: `${server.url}/token`,
      quota_project_id: "billing-project",
    };
    await testClient(server, { auth: json }).POST(CHECK);
    assert.equal(api().length, 2);
    assert.ok(api().every((r) => r.headers.authorization?.startsWith("Bearer ya29.token-")));
    assert.equal(api()[1]?.headers["x-goog-user-project"], "billing-project");
  });

  it("a failing refresh becomes an auth error without the token in it", async (t) => {
    const server = await startServer(t, (req, res) =>
      req.path === "/token"
        ? sendJson(res, 400, {
            error: "invalid_grant",
            error_description: "Token has been expired or revoked.",
          })
        : sendJson(res, 200, OK),
    );
    const oauth = new OAuth2Client({ endpoints: { oauth2TokenUrl: `${server.url}/token` } });
    oauth.setCredentials({ refresh_token: "1//refresh-secret-abc" });
    const error = await checkAccessType(testClient(server, { auth: oauth })).catch(
      (e: unknown) => e,
    );
    assert.ok(isDataPortabilityError(error));
    assert.equal(error.kind, "auth");
    assert.match(error.message, /Sign in again/);
    assert.doesNotMatch(JSON.stringify(error) + String(error.stack), /refresh-secret-abc/);
  });
});

describe("start-up cost", () => {
  it("importing the runtime loads neither googleapis-common nor google-auth-library", async () => {
    const script = `
      import { createRequire } from "node:module";
      await import("./src/client.ts");
      await import("./src/methods/index.ts");
      const count = () => Object.keys(createRequire(import.meta.url).cache)
        .filter((p) => /googleapis-common|google-auth-library|gaxios/.test(p)).length;
      const before = count();
      await import("googleapis-common"); // control: the check does see the library once loaded
      console.log(JSON.stringify([before, count() > 0]));
    `;
    const run = promisify(execFile);
    const { stdout } = await run(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", script],
      {
        cwd: new URL("../..", import.meta.url).pathname,
      },
    );
    assert.deepEqual(JSON.parse(stdout), [0, true]);
  });
});
