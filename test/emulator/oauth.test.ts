/**
 * google-auth-library's OAuth2Client, unchanged, against the emulator's OAuth endpoints:
 * code flow with PKCE, refresh, revoke; and the endpoint's refusals.
 */

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { OAuth2Client } from "googleapis-common";
import {
  emulatorOAuthEndpoints,
  type RunningEmulator,
  startEmulator,
} from "../../src/emulator/index.js";

type AuthUrlOptions = NonNullable<Parameters<OAuth2Client["generateAuthUrl"]>[0]>;
const S256 = "S256" as NonNullable<AuthUrlOptions["code_challenge_method"]>;
const PLAIN = "plain" as NonNullable<AuthUrlOptions["code_challenge_method"]>;

const PREFIX = "https://www.googleapis.com/auth/dataportability.";
const REDIRECT = "http://127.0.0.1:9/callback";

let run: RunningEmulator;
before(async () => {
  run = await startEmulator();
});
after(async () => {
  await run.close();
});

function newClient(): OAuth2Client {
  return new OAuth2Client({
    clientId: "test-client.apps.googleusercontent.com",
    clientSecret: "not-checked",
    redirectUri: REDIRECT,
    endpoints: emulatorOAuthEndpoints(run.url),
  });
}

/** Follows the consent redirect by hand, as a loopback server would receive it. */
async function consent(url: string): Promise<URL> {
  const response = await fetch(url, { redirect: "manual" });
  assert.equal(response.status, 302, await response.text());
  return new URL(response.headers.get("location") ?? "");
}

async function check(token: string): Promise<Response> {
  return fetch(`${run.url}/v1/accessType:check`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
  });
}

describe("OAuth2Client against the emulator", () => {
  test("code flow with PKCE S256, then refresh, then revoke", async () => {
    const client = newClient();
    const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
    const url = client.generateAuthUrl({
      access_type: "offline",
      scope: [`${PREFIX}myactivity.youtube`, `${PREFIX}maps.starred_places`],
      state: "xyz",
      code_challenge: codeChallenge ?? "",
      code_challenge_method: S256,
    });
    const redirect = await consent(url);
    assert.equal(`${redirect.origin}${redirect.pathname}`, REDIRECT);
    assert.equal(redirect.searchParams.get("state"), "xyz");
    const code = redirect.searchParams.get("code") ?? "";

    const { tokens } = await client.getToken({ code, codeVerifier });
    assert.ok(tokens.access_token && tokens.refresh_token);
    assert.equal(tokens.scope, `${PREFIX}myactivity.youtube ${PREFIX}maps.starred_places`);
    assert.ok((tokens.expiry_date ?? 0) > Date.now());
    client.setCredentials(tokens);
    const checked = await check(tokens.access_token ?? "");
    assert.deepEqual(await checked.json(), {
      oneTimeResources: ["myactivity.youtube", "maps.starred_places"],
    });

    const refreshed = await client.refreshAccessToken();
    assert.notEqual(refreshed.credentials.access_token, tokens.access_token);
    assert.equal((await check(refreshed.credentials.access_token ?? "")).status, 200);

    await client.revokeCredentials();
    assert.equal((await check(refreshed.credentials.access_token ?? "")).status, 401);
    const stale = newClient();
    stale.setCredentials({ refresh_token: tokens.refresh_token ?? "" });
    await assert.rejects(stale.getAccessToken(), /invalid_grant|expired or revoked/);
  });

  test("a wrong code verifier and a reused code are refused", async () => {
    const client = newClient();
    const { codeChallenge } = await client.generateCodeVerifierAsync();
    const url = client.generateAuthUrl({
      scope: `${PREFIX}chrome.history`,
      code_challenge: codeChallenge ?? "",
      code_challenge_method: S256,
    });
    const code = (await consent(url)).searchParams.get("code") ?? "";
    await assert.rejects(
      client.getToken({ code, codeVerifier: "wrong-verifier-wrong-verifier-wrong-verifier" }),
      /invalid_grant/,
    );
    await assert.rejects(client.getToken({ code, codeVerifier: "again" }), /invalid_grant/);
  });

  test("plain PKCE and time-based access chosen on the auth URL", async () => {
    const client = newClient();
    const url = client.generateAuthUrl({
      scope: `${PREFIX}chrome.history`,
      code_challenge: "plain-challenge-plain-challenge-plain-challenge-0123",
      code_challenge_method: PLAIN,
      // Extra parameters pass through generateAuthUrl to the consent page.
      ...({ emulator_access_type: "time-based" } as object),
    });
    const code = (await consent(url)).searchParams.get("code") ?? "";
    const { tokens } = await client.getToken({
      code,
      codeVerifier: "plain-challenge-plain-challenge-plain-challenge-0123",
    });
    assert.deepEqual(await (await check(tokens.access_token ?? "")).json(), {
      timeBasedResources: ["chrome.history"],
    });
    assert.equal(typeof (tokens as Record<string, unknown>).refresh_token_expires_in, "number");
  });

  test("the auth endpoint refuses non-loopback redirects and foreign scopes", async () => {
    const base = emulatorOAuthEndpoints(run.url).oauth2AuthBaseUrl;
    const evil = await fetch(
      `${base}?client_id=c&redirect_uri=https://example.com/cb&scope=${PREFIX}chrome.history`,
      { redirect: "manual" },
    );
    assert.equal(evil.status, 400);
    const mixed = await fetch(
      `${base}?client_id=c&redirect_uri=${REDIRECT}&scope=${PREFIX}chrome.history%20email`,
      { redirect: "manual" },
    );
    assert.equal(mixed.status, 400);
    assert.match(await mixed.text(), /invalid_scope/);
  });

  test("the token endpoint explains bad grants", async () => {
    const post = (body: Record<string, string>) =>
      fetch(`${run.url}/token`, { method: "POST", body: new URLSearchParams(body) });
    const unsupported = await post({ grant_type: "password" });
    assert.equal(unsupported.status, 400);
    assert.equal(((await unsupported.json()) as { error: string }).error, "unsupported_grant_type");
    const badRefresh = await post({ grant_type: "refresh_token", refresh_token: "nope" });
    assert.equal(((await badRefresh.json()) as { error: string }).error, "invalid_grant");
  });

  test("an expired access token → 401 until refreshed", async () => {
    const issued = run.emulator.issueToken({ resources: ["myactivity.search"] });
    assert.equal((await check(issued.accessToken)).status, 200);
    run.emulator.clock.advance(issued.expiresIn * 1000);
    const expired = await check(issued.accessToken);
    assert.equal(expired.status, 401);
    const client = newClient();
    client.setCredentials({ refresh_token: issued.refreshToken });
    const { token } = await client.getAccessToken();
    assert.equal((await check(token ?? "")).status, 200);
  });

  test("a token-endpoint fault is retried by google-auth-library's own retry", async () => {
    const issued = run.emulator.issueToken({ resources: ["myactivity.search"] });
    run.emulator.faults.setScript([
      { target: "token", attempts: [1], fault: { kind: "status", status: 503 } },
    ]);
    const client = newClient();
    client.setCredentials({ refresh_token: issued.refreshToken });
    const { token } = await client.getAccessToken();
    assert.equal((await check(token ?? "")).status, 200);
    const tokenCalls = run.emulator.requests.filter((r) => r.target === "token").slice(-2);
    assert.deepEqual(
      tokenCalls.map((r) => [r.attempt, r.status]),
      [
        [1, 503],
        [2, 200],
      ],
    );
    run.emulator.faults.setScript([]);
  });
});
