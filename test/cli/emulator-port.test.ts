import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { describe, it } from "node:test";
import { runCli, tempDir } from "./helpers/cli.js";

describe("dataportability emulator --port", () => {
  it("a port in use is a usage error that suggests another port or --port 0", async (t) => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    t.after(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
    const { port } = blocker.address() as AddressInfo;
    const env = { XDG_CONFIG_HOME: await tempDir(t) };
    for (const json of [false, true]) {
      const args = ["emulator", "--port", String(port), ...(json ? ["--json"] : [])];
      const result = await runCli(args, { env });
      assert.equal(result.code, 2, result.stdout + result.stderr);
      const text = json ? result.stdout : result.stderr;
      assert.match(text, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use`));
      assert.match(text, /--port 0/);
      assert.doesNotMatch(text, /unexpected/);
    }
  });
});
