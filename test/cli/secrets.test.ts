import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runCli, tempDir } from "./helpers/cli.js";
import { jsonServer } from "./helpers/json-server.js";

const TOKEN = "mysecret-abcdef123456";

describe("the CLI never prints the access token it was given", () => {
  it("in a server error echoed through `state --json`", async (t) => {
    const url = await jsonServer(t, 400, (token) => ({
      error: { code: 400, status: "INVALID_ARGUMENT", message: `token ${token} is malformed` },
    }));
    const env = { XDG_CONFIG_HOME: await tempDir(t), DATAPORTABILITY_ACCESS_TOKEN: TOKEN };
    for (const json of [true, false]) {
      const args = ["state", "abc", "--base-url", url, ...(json ? ["--json"] : [])];
      const result = await runCli(args, { env });
      assert.notEqual(result.code, 0);
      const all = result.stdout + result.stderr;
      assert.ok(!all.includes(TOKEN), all);
      assert.match(all, /\[REDACTED\]/);
    }
  });

  it("in a successful result, while signed URLs stay usable", async (t) => {
    const signed = "http://127.0.0.1:1/storage/a.zip?X-Goog-Signature=abc123def456";
    const url = await jsonServer(t, 200, (token) => ({
      name: `archiveJobs/abc/portabilityArchiveState`,
      state: "COMPLETE",
      urls: [signed, `http://127.0.0.1:1/echo?t=${token}`],
    }));
    const env = { XDG_CONFIG_HOME: await tempDir(t), DATAPORTABILITY_ACCESS_TOKEN: TOKEN };
    const result = await runCli(["state", "abc", "--json", "--base-url", url], { env });
    assert.equal(result.code, 0, result.stderr);
    assert.ok(!result.stdout.includes(TOKEN), result.stdout);
    assert.ok(result.stdout.includes(signed), result.stdout);
  });
});
