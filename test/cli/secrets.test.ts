import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, it, type TestContext } from "node:test";
import { runCli, tempDir } from "./helpers/cli.js";

const TOKEN = "mysecret-abcdef123456";

/** Answers every request with `status` and a body built from its Authorization value. */
async function echoServer(t: TestContext, status: number, body: (token: string) => unknown) {
  const server = createServer((req, res) => {
    const token = String(req.headers.authorization).replace(/^Bearer /, "");
    const text = JSON.stringify(body(token));
    res.writeHead(status, { "content-type": "application/json" });
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("the CLI never prints the access token it was given", () => {
  it("in a server error echoed through `state --json`", async (t) => {
    const url = await echoServer(t, 400, (token) => ({
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
    const url = await echoServer(t, 200, (token) => ({
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
