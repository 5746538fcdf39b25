/**
 * The CLI without any server: help, version, resources, and every usage error with its exit
 * code and one-line message. Cases are independent, so they run concurrently.
 */
import assert from "node:assert/strict";
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { RESOURCES } from "../../generated/dataportability.v1.operations.js";
import { runCli, tempDir } from "./helpers/cli.js";

/** Asserts a usage-style failure: the code, one stderr line, and the words it must contain. */
function assertOneLineError(
  result: { code: number | null; stderr: string; stdout: string },
  code: number,
  ...words: string[]
): void {
  assert.equal(result.code, code, result.stderr);
  const lines = result.stderr.trimEnd().split("\n");
  assert.equal(lines.length, 1, `expected one line, got:\n${result.stderr}`);
  assert.match(lines[0] ?? "", /^error: /);
  for (const word of words) {
    assert.ok(lines[0]?.includes(word), `"${word}" missing from: ${lines[0]}`);
  }
  assert.equal(result.stdout, "");
}

describe("dataportability without a server", { concurrency: true }, () => {
  it("prints help with every command and the exit codes", async () => {
    const result = await runCli(["--help"]);
    assert.equal(result.code, 0);
    for (const command of [
      "login",
      "export",
      "state",
      "retry",
      "cancel",
      "reset",
      "access-type",
      "resources",
      "emulator",
    ]) {
      assert.match(result.stdout, new RegExp(`\\n  ${command}\\b`));
    }
    assert.match(result.stdout, /Exit codes:[\s\S]*130 +interrupted/);
    assert.match(result.stdout, /--emulator/);
  });

  it("prints help for a subcommand, exit codes included", async () => {
    const result = await runCli(["export", "--help"]);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /Usage: dataportability export \[options\] <resource\.\.\.>/);
    assert.match(result.stdout, /--resume <job>/);
    assert.match(result.stdout, /Exit codes:/);
  });

  it("prints the package version", async () => {
    const result = await runCli(["--version"]);
    assert.equal(result.code, 0);
    assert.match(result.stdout.trim(), /^\d+\.\d+\.\d+/);
  });

  it("lists resources grouped by product", async () => {
    const result = await runCli(["resources"]);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^myactivity$/m);
    assert.match(
      result.stdout,
      /^ {2}myactivity\.youtube +https:\/\/www\.googleapis\.com\/auth\/dataportability\.myactivity\.youtube$/m,
    );
    assert.match(result.stdout, new RegExp(`${RESOURCES.length} resources in \\d+ products`));
  });

  it("lists resources as JSON", async () => {
    const result = await runCli(["resources", "--json"]);
    assert.equal(result.code, 0);
    const groups = JSON.parse(result.stdout) as {
      product: string;
      resources: { name: string; scope: string }[];
    }[];
    const names = groups.flatMap((group) => group.resources.map((resource) => resource.name));
    assert.deepEqual([...names].sort(), [...RESOURCES].sort());
    const youtube = groups
      .find((group) => group.product === "myactivity")
      ?.resources.find((r) => r.name === "myactivity.youtube");
    assert.equal(
      youtube?.scope,
      "https://www.googleapis.com/auth/dataportability.myactivity.youtube",
    );
  });

  const usageCases: [string, string[], ...string[]][] = [
    ["an unknown command", ["exprot"], "unknown command 'exprot'", "(Did you mean export?)"],
    ["an unknown flag", ["resources", "--colour"], "unknown option '--colour'", "resources --help"],
    ["export without resources", ["export"], "missing required argument 'resource'"],
    [
      "an unknown resource",
      ["export", "myactivity.youtub", "--emulator"],
      'unknown resource "myactivity.youtub"',
      'did you mean "myactivity.youtube"',
    ],
    [
      "a bad --start",
      ["export", "myactivity.youtube", "--start", "yesterday"],
      '--start "yesterday" is not a valid timestamp',
    ],
    [
      "an impossible --start date",
      ["export", "myactivity.youtube", "--start", "2025-02-30"],
      '--start "2025-02-30" is not a valid timestamp (no such date)',
    ],
    [
      "an --end without a zone",
      ["export", "myactivity.youtube", "--end", "2025-01-01T12:00:00"],
      "(no time zone)",
      "YYYY-MM-DD (midnight UTC)",
    ],
    [
      "--start after --end",
      ["export", "myactivity.youtube", "--start", "2025-02-01", "--end", "2025-01-01"],
      "--start is after --end",
    ],
    [
      "a bad --resume job id",
      ["export", "myactivity.youtube", "--resume", "a/b/c"],
      "Invalid archive job id",
    ],
    ["a bad job id", ["state", "archiveJobs/../x"], "Invalid archive job id"],
    ["state without a job", ["cancel"], "missing required argument 'job'"],
    ["a bad port", ["emulator", "--port", "http"], "expected a port number"],
    [
      "login without resources",
      ["login"],
      "name the resources to grant",
      "dataportability resources",
    ],
    [
      "login with an unknown resource",
      ["login", "--scopes", "maps.nope"],
      'unknown resource "maps.nope"',
    ],
    [
      "login without a client",
      ["login", "maps.starred_places"],
      "no OAuth client given",
      "--client-file",
    ],
    [
      "a missing client file",
      ["login", "--scopes", "maps.starred_places", "--client-file", "/nonexistent/client.json"],
      "cannot read the client file",
    ],
    [
      "an option without its value",
      ["export", "myactivity.youtube", "--out"],
      "option '-o, --out <dir>' argument missing",
    ],
  ];
  for (const [name, args, ...words] of usageCases) {
    it(`exits 2 on ${name}`, async (t) => {
      const home = await tempDir(t);
      assertOneLineError(await runCli(args, { env: { XDG_CONFIG_HOME: home } }), 2, ...words);
    });
  }

  it("reports a usage error as JSON with --json", async () => {
    const result = await runCli(["state", "a/b/c", "--json"]);
    assert.equal(result.code, 2);
    const { error } = JSON.parse(result.stdout) as {
      error: { kind: string; exitCode: number; message: string };
    };
    assert.equal(error.kind, "usage");
    assert.equal(error.exitCode, 2);
    assert.match(error.message, /Invalid archive job id/);
  });

  it("exits 3 when not logged in, saying how to log in", async (t) => {
    const home = await tempDir(t);
    const result = await runCli(["access-type"], { env: { XDG_CONFIG_HOME: home } });
    assertOneLineError(result, 3, "not logged in", "dataportability login <resource...>");
  });

  it("refuses a credentials file that others can read, with the chmod fix", async (t) => {
    const home = await tempDir(t);
    const path = join(home, "dataportability", "credentials.json");
    await mkdir(join(home, "dataportability"), { recursive: true });
    await writeFile(
      path,
      JSON.stringify({ type: "authorized_user", client_id: "x", resources: [] }),
    );
    await chmod(path, 0o644);
    const result = await runCli(["state", "abc"], { env: { XDG_CONFIG_HOME: home } });
    assertOneLineError(result, 3, "readable by other users", `chmod 600 ${path}`);
  });
});
