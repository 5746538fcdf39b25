import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, it } from "node:test";
import { runCli, tempDir } from "./helpers/cli.js";

describe("CLI wording for a rejected token", () => {
  it("tells the user to sign in again with `dataportability login`", async (t) => {
    const server = createServer((_req, res) => {
      res.writeHead(401, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: 401, status: "UNAUTHENTICATED", message: "no" } }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const env = {
      XDG_CONFIG_HOME: await tempDir(t),
      DATAPORTABILITY_ACCESS_TOKEN: "expired-12345678",
    };
    const result = await runCli(["state", "abc", "--base-url", url], { env });
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /dataportability login/);
    assert.doesNotMatch(result.stderr, /refreshed/);
  });
});
