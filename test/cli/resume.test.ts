import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runCli, tempDir } from "./helpers/cli.js";
import { cliEnv, serveEmulator } from "./helpers/emulator.js";

describe("export --resume with a job the API does not know", () => {
  it("says the job was not found and never advises running the same export again", async (t) => {
    const running = await serveEmulator({}, t);
    const home = await tempDir(t);
    const env = cliEnv(running, home, ["myactivity.youtube"]);
    const out = join(home, "out");
    for (const json of [false, true]) {
      const args = ["export", "myactivity.youtube", "--resume", "nope", "--out", out];
      const result = await runCli(json ? [...args, "--json"] : args, { env });
      assert.equal(result.code, 4, result.stdout + result.stderr);
      const text = json ? result.stdout : result.stderr;
      assert.match(text, /job nope was not found/);
      assert.match(text, /without --resume/);
      assert.doesNotMatch(text, /again to resume/);
      if (json) {
        assert.deepEqual(JSON.parse(result.stdout).error.jobIds, []);
      }
    }
    const initiates = running.emulator.requests.filter((r) => r.path.endsWith(":initiate"));
    assert.equal(initiates.length, 0);
  });
});
