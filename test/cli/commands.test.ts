/**
 * Every command's happy path (and its main API error) with the CLI spawned against an emulator
 * served by this process, plus the embedded `--emulator` mode and the `emulator` command.
 */
import assert from "node:assert/strict";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { runCli, spawnCli, tempDir } from "./helpers/cli.js";
import { cliEnv, initiateJob, jobState, serveEmulator } from "./helpers/emulator.js";

let server: RunningEmulator;
before(async () => {
  // The first state read ends a job, and nothing ends by the clock during a test.
  server = await serveEmulator({ pollsUntilComplete: 1, completeAfterMs: 600_000 });
});
after(() => server.close());

interface ExportJson {
  jobId: string;
  dir: string;
  files: { name: string; size: number }[];
  totalBytes: number;
}

describe("dataportability commands against an emulator", { concurrency: true }, () => {
  it("exports in plain mode with a summary table, and files matching the archive", async (t) => {
    const home = await tempDir(t);
    const out = join(home, "out");
    const result = await runCli(["export", "myactivity.youtube", "--out", out], {
      env: cliEnv(server, home),
    });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^job \S+: COMPLETE/m);
    assert.match(result.stdout, /^file +size +time +rate$/m);
    const [, jobId = ""] = result.stdout.match(/^job (\S+): (\d+) file\(s\)/m) ?? [];
    const expected = server.emulator.archiveFiles(jobId);
    assert.ok(expected.length > 0);
    for (const file of expected) {
      assert.equal((await stat(join(out, file.name))).size, file.size);
      assert.match(
        result.stdout,
        new RegExp(`^downloaded ${file.name.replace(/\./g, "\\.")}`, "m"),
      );
    }
  });

  it("exports with --json and a time range that `state --json` reports back", async (t) => {
    const home = await tempDir(t);
    const env = cliEnv(server, home);
    const out = join(home, "out");
    const args = [
      "export",
      "myactivity.youtube",
      "--out",
      out,
      "--start",
      "2024-01-01",
      "--end",
      "2024-06-30T12:00:00+02:00",
      "--json",
    ];
    const result = await runCli(args, { env });
    assert.equal(result.code, 0, result.stderr);
    const exported = JSON.parse(result.stdout) as ExportJson;
    const expected = server.emulator.archiveFiles(exported.jobId);
    assert.deepEqual(
      exported.files.map(({ name, size }) => ({ name, size })),
      expected.map(({ name, size }) => ({ name, size })),
    );
    assert.equal(
      exported.totalBytes,
      expected.reduce((sum, file) => sum + file.size, 0),
    );
    assert.deepEqual(
      (await readdir(out)).sort(),
      ["export.json", ...expected.map((f) => f.name)].sort(),
    );

    const state = await runCli(["state", `archiveJobs/${exported.jobId}`, "--json"], { env });
    assert.equal(state.code, 0, state.stderr);
    const parsed = JSON.parse(state.stdout) as { jobId: string; state: string; startTime: string };
    assert.equal(parsed.jobId, exported.jobId);
    assert.equal(parsed.state, "COMPLETE");
    assert.equal(Date.parse(parsed.startTime), Date.parse("2024-01-01T00:00:00Z"));

    const again = await runCli(["export", "myactivity.youtube", "--out", join(home, "again")], {
      env,
    });
    assert.equal(again.code, 4);
    assert.match(again.stderr, /^error: .*run `dataportability reset`/);
  });

  it("shows a job's state in human form", async (t) => {
    const home = await tempDir(t);
    const env = cliEnv(server, home);
    const jobId = await initiateJob(server, env);
    const result = await runCli(["state", jobId], { env });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`^job ${jobId}: COMPLETE$`, "m"));
    assert.match(
      result.stdout,
      /archive file\(s\) ready; download with `dataportability export <resource\.\.\.> --resume/,
    );
  });

  it("retries a failed job and prints the new job id", async (t) => {
    // Its own emulator: failNextJobs would hit whichever concurrent test initiates next.
    const own = await serveEmulator({ pollsUntilComplete: 1 }, t);
    const home = await tempDir(t);
    const env = cliEnv(own, home);
    own.emulator.failNextJobs(1);
    const jobId = await initiateJob(own, env);
    assert.equal(await jobState(own, env, jobId), "FAILED");
    const result = await runCli(["retry", jobId, "--json"], { env });
    assert.equal(result.code, 0, result.stderr);
    const { newJobId } = JSON.parse(result.stdout) as { newJobId: string };
    assert.notEqual(newJobId, jobId);
    assert.equal(await jobState(own, env, newJobId), "COMPLETE");
  });

  it("cancels a job in progress", async (t) => {
    const home = await tempDir(t);
    const env = cliEnv(server, home);
    const jobId = await initiateJob(server, env);
    const result = await runCli(["cancel", jobId], { env });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout.trim(), `job ${jobId} cancelled`);
    assert.equal(await jobState(server, env, jobId), "CANCELLED");
  });

  it("exits 4 when the job does not exist", async (t) => {
    const home = await tempDir(t);
    const result = await runCli(["state", "no-such-job"], { env: cliEnv(server, home) });
    assert.equal(result.code, 4);
    assert.equal(result.stderr.split("\n").length, 2, result.stderr);
  });

  it("shows the access type as a table, and traces requests with --verbose without the token", async (t) => {
    const home = await tempDir(t);
    const env = cliEnv(server, home);
    const result = await runCli(["access-type", "--verbose"], { env });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^resource +access$/m);
    assert.match(result.stdout, /^myactivity\.youtube +one-time$/m);
    assert.match(
      result.stderr,
      /\[verbose\] → POST http:\/\/127\.0\.0\.1:\d+\/v1\/accessType:check/,
    );
    assert.match(result.stderr, /\[verbose\] ← 200 POST/);
    assert.ok(!result.stderr.includes(env.DATAPORTABILITY_ACCESS_TOKEN ?? "?"));
  });

  it("resets the authorization, after which the token is refused with exit 3", async (t) => {
    const home = await tempDir(t);
    const env = cliEnv(server, home);
    const result = await runCli(["reset", "--json"], { env });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { reset: true, removedSavedLogin: false });
    const after = await runCli(["access-type"], { env });
    assert.equal(after.code, 3, after.stderr);
  });

  it("prints nothing with --quiet, and revokes the grant with --reset-after", async (t) => {
    const home = await tempDir(t);
    const env = cliEnv(server, home);
    const out = join(home, "out");
    const result = await runCli(
      ["export", "maps.starred_places", "--out", out, "--quiet", "--reset-after"],
      { env },
    );
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, "");
    assert.equal(result.stderr, "");
    const check = await fetch(`${server.url}/v1/accessType:check`, {
      method: "POST",
      headers: { authorization: `Bearer ${env.DATAPORTABILITY_ACCESS_TOKEN}` },
    });
    await check.arrayBuffer();
    assert.equal(check.status, 401);
  });

  it("exports from the embedded emulator with --emulator --json", async (t) => {
    const home = await tempDir(t);
    const out = join(home, "out");
    const result = await runCli(
      ["export", "maps.starred_places", "--emulator", "--json", "--out", out],
      {
        env: { XDG_CONFIG_HOME: home },
      },
    );
    assert.equal(result.code, 0, result.stderr);
    const exported = JSON.parse(result.stdout) as ExportJson;
    assert.ok(exported.files.length > 0);
    for (const file of exported.files) {
      assert.equal((await stat(join(out, file.name))).size, file.size);
    }
  });

  it("runs access-type and reset against the embedded emulator", async (t) => {
    const home = await tempDir(t);
    const env = { XDG_CONFIG_HOME: home };
    const [access, reset, missing] = await Promise.all([
      runCli(["access-type", "--emulator", "--json"], { env }),
      runCli(["reset", "--emulator"], { env }),
      runCli(["state", "no-such-job", "--emulator"], { env }),
    ]);
    assert.equal(access.code, 0, access.stderr);
    const types = JSON.parse(access.stdout) as { oneTimeResources: string[] };
    assert.ok(types.oneTimeResources.includes("myactivity.youtube"));
    assert.equal(reset.code, 0, reset.stderr);
    assert.match(reset.stdout, /^authorization reset/);
    assert.doesNotMatch(reset.stdout, /saved login removed/);
    assert.equal(missing.code, 4);
  });

  it("serves an emulator until Ctrl-C and prints a working token", async () => {
    const cli = spawnCli(["emulator", "--json"]);
    const [, url = ""] = await cli.waitFor(/"url": "([^"]+)"/);
    const [, token = ""] = await cli.waitFor(/"accessToken": "([^"]+)"/);
    const response = await fetch(`${url}/v1/accessType:check`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(response.status, 200);
    await response.arrayBuffer();
    cli.child.kill("SIGINT");
    const result = await cli.done;
    assert.equal(result.code, 0, result.stderr);
  });
});
