/**
 * Ctrl-C in the middle of a download, then the printed resume command: the export finishes
 * from the `.part` file, on the same job (one initiate in the emulator's request log).
 */
import assert from "node:assert/strict";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { it } from "node:test";
import { runCli, spawnCli, tempDir } from "./helpers/cli.js";
import { cliEnv, serveEmulator } from "./helpers/emulator.js";

/** Waits until a `.part` file in `dir` holds some bytes (polling the file system, no timing). */
async function partFileWithBytes(dir: string): Promise<string> {
  for (;;) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.endsWith(".part"))) {
      if ((await stat(join(dir, name))).size > 0) {
        return name;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

it("resumes an export interrupted by SIGINT without starting a second job", async (t) => {
  const server = await serveEmulator(
    {
      pollsUntilComplete: 1,
      archiveBytes: 1024 * 1024,
      // Only the first download is slow (about 30 s for the archive), so the first run is surely
      // still downloading when it is stopped, however loaded the machine is.
      faults: [
        {
          target: "download",
          attempts: [1],
          fault: { kind: "slow", delayMs: 250, chunkBytes: 8 * 1024 },
        },
      ],
    },
    t,
  );
  const home = await tempDir(t);
  const out = join(home, "out dir");
  const env = cliEnv(server, home, ["myactivity.youtube"]);

  const first = spawnCli(["export", "myactivity.youtube", "--out", out], { env });
  await first.waitFor(/^downloading /m);
  await partFileWithBytes(out);
  first.child.kill("SIGINT");
  const stopped = await first.done;
  assert.equal(stopped.code, 130, `${stopped.stdout}\n${stopped.stderr}`);
  const [, command = ""] = stopped.stderr.match(/resume with: (dataportability export .*)$/m) ?? [];
  const [, jobId = ""] = command.match(/--resume (\S+)/) ?? [];
  assert.ok(jobId, stopped.stderr);
  assert.match(
    command,
    /^dataportability export myactivity\.youtube --resume \S+ --out '.*out dir'/,
  );
  assert.ok((await readdir(out)).some((name) => name.endsWith(".part")));

  const resumed = await runCli(["export", "myactivity.youtube", "--resume", jobId, "--out", out], {
    env,
  });
  assert.equal(resumed.code, 0, resumed.stderr);
  const initiates = server.emulator.requests.filter((entry) => entry.target.endsWith(".initiate"));
  assert.equal(initiates.length, 1);
  const downloads = server.emulator.requests.filter((entry) => entry.target === "download");
  assert.equal(downloads.at(-1)?.status, 206, "the second run continues with a Range request");
  for (const file of server.emulator.archiveFiles(jobId)) {
    assert.equal((await stat(join(out, file.name))).size, file.size);
  }
  assert.ok(!(await readdir(out)).some((name) => name.endsWith(".part")));
});
