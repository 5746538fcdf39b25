/**
 * `login` end to end against an emulator in this process: the test plays the browser with
 * fetch (consent URL → 302 → the CLI's loopback port), then checks what was saved.
 */
import assert from "node:assert/strict";
import { readFile, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type RunningEmulator, startEmulator } from "../../src/emulator/index.js";
import { runCli, spawnCli, tempDir } from "./helpers/cli.js";

const CONSENT_URL = /(http:\/\/127\.0\.0\.1:\d+\/o\/oauth2\/v2\/auth\?\S+)/;

let server: RunningEmulator;
before(async () => {
  server = await startEmulator();
});
after(() => server.close());

/** Follows the consent page's redirect by hand, as a browser would, and returns the loopback answer. */
async function playBrowser(
  consentUrl: string,
  tamper?: (callback: URL) => void,
): Promise<Response> {
  const consent = await fetch(consentUrl, { redirect: "manual" });
  assert.equal(consent.status, 302);
  const callback = new URL(consent.headers.get("location") ?? "");
  assert.equal(callback.hostname, "127.0.0.1");
  tamper?.(callback);
  return fetch(callback);
}

describe("dataportability login", { concurrency: true }, () => {
  it("logs in through loopback + PKCE, saves 0600 credentials, and uses them", async (t) => {
    const home = await tempDir(t);
    const clientFile = join(home, "client_secret.json");
    const client = { installed: { client_id: "test-app.apps.example", client_secret: "s3cret" } };
    await writeFile(clientFile, JSON.stringify(client));
    const cli = spawnCli(
      [
        "login",
        "--base-url",
        server.url,
        "--client-file",
        clientFile,
        "myactivity.youtube,maps.starred_places",
      ],
      { env: { XDG_CONFIG_HOME: home } },
    );
    const [, consentUrl = ""] = await cli.waitFor(CONSENT_URL);
    const query = new URL(consentUrl).searchParams;
    assert.equal(query.get("access_type"), "offline");
    assert.equal(query.get("client_id"), "test-app.apps.example");
    assert.equal(query.get("code_challenge_method"), "S256");
    assert.ok((query.get("code_challenge") ?? "").length >= 43);
    assert.ok((query.get("state") ?? "").length >= 16);
    assert.equal(query.get("include_granted_scopes"), null);
    assert.match(query.get("redirect_uri") ?? "", /^http:\/\/127\.0\.0\.1:\d+\//);
    const landing = await playBrowser(consentUrl);
    assert.equal(landing.status, 200);
    const result = await cli.done;
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /Logged in for 2 resources: myactivity\.youtube, maps\.starred_places/,
    );

    const path = join(home, "dataportability", "credentials.json");
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    assert.equal((await stat(dirname(path))).mode & 0o777, 0o700);
    const saved = JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;
    assert.equal(typeof saved.refresh_token, "string");
    assert.deepEqual(saved.resources, ["myactivity.youtube", "maps.starred_places"]);
    assert.equal(saved.client_id, "test-app.apps.example");
    assert.equal(saved.base_url, server.url);
    for (const secret of [saved.refresh_token, saved.access_token]) {
      assert.ok(!result.stdout.includes(String(secret)) && !result.stderr.includes(String(secret)));
    }

    const check = await runCli(["access-type", "--json"], { env: { XDG_CONFIG_HOME: home } });
    assert.equal(check.code, 0, check.stderr);
    const access = JSON.parse(check.stdout) as {
      oneTimeResources: string[];
      timeBasedResources: string[];
    };
    assert.deepEqual([...access.oneTimeResources, ...access.timeBasedResources].sort(), [
      "maps.starred_places",
      "myactivity.youtube",
    ]);

    // An expired access token is refreshed with the saved refresh token, and the new one saved.
    await writeFile(path, JSON.stringify({ ...saved, expiry_date: 1 }));
    const refreshed = await runCli(["access-type"], { env: { XDG_CONFIG_HOME: home } });
    assert.equal(refreshed.code, 0, refreshed.stderr);
    const resaved = JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;
    assert.notEqual(resaved.access_token, saved.access_token);
    assert.ok(Number(resaved.expiry_date) > Date.now());
    assert.equal((await stat(path)).mode & 0o777, 0o600);
  });

  it("fails with exit 3 when the redirect carries another state", async (t) => {
    const home = await tempDir(t);
    const cli = spawnCli(["login", "--base-url", server.url, "--scopes", "myactivity.youtube"], {
      env: { XDG_CONFIG_HOME: home },
    });
    const [, consentUrl = ""] = await cli.waitFor(CONSENT_URL);
    const landing = await playBrowser(consentUrl, (callback) =>
      callback.searchParams.set("state", "forged"),
    );
    assert.equal(landing.status, 400);
    const result = await cli.done;
    assert.equal(result.code, 3);
    assert.match(result.stderr, /^error: the browser came back with an unexpected state/);
    await assert.rejects(stat(join(home, "dataportability", "credentials.json")));
  });

  it("logs in to the embedded emulator without a browser and saves nothing", async (t) => {
    const home = await tempDir(t);
    const result = await runCli(
      ["login", "--emulator", "--scopes", "maps.starred_places", "--json"],
      {
        env: { XDG_CONFIG_HOME: home },
      },
    );
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), {
      emulator: true,
      saved: false,
      resources: ["maps.starred_places"],
    });
    await assert.rejects(stat(join(home, "dataportability")));
  });
});
