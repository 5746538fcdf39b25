import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runCli, tempDir } from "./helpers/cli.js";
import { jsonServer } from "./helpers/json-server.js";

describe("CLI wording for a rejected token", () => {
  it("tells the user to sign in again with `dataportability login`", async (t) => {
    const url = await jsonServer(t, 401, () => ({
      error: { code: 401, status: "UNAUTHENTICATED", message: "no" },
    }));
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
