import assert from "node:assert/strict";
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { runGenerateAsync, SHARED_DISCOVERY, tempDir } from "./helpers/fixtures.js";

const V1 = join(SHARED_DISCOVERY, "dataportability.v1.json");
const SNAPSHOT = "dataportability.v1.json";

/** Runs the CLI and expects exit 1 with exactly `line` on stderr and nothing on stdout. */
async function expectError(args: readonly string[], line: string): Promise<void> {
  const run = await runGenerateAsync(args);
  assert.equal(run.stderr, `error: ${line}\n`);
  assert.equal(run.stdout, "");
  assert.equal(run.status, 1);
}

/** A temp dir holding a committed-looking snapshot and an empty generated/ directory. */
function workspace(prefix: string) {
  const { dir, cleanup } = tempDir(prefix);
  const snapshots = join(dir, "snapshots");
  const generated = join(dir, "generated");
  mkdirSync(snapshots);
  mkdirSync(generated);
  writeFileSync(join(snapshots, SNAPSHOT), "old snapshot bytes\n");
  const untouched = () => {
    assert.deepEqual(readdirSync(snapshots), [SNAPSHOT]);
    assert.equal(readFileSync(join(snapshots, SNAPSHOT), "utf8"), "old snapshot bytes\n");
    assert.deepEqual(readdirSync(generated), []);
  };
  return { dir, snapshots, generated, untouched, cleanup };
}

describe("CLI errors are one line naming the path, exit 1, nothing written", {
  concurrency: true,
}, () => {
  test("--out is an existing file", async () => {
    const { dir, cleanup } = tempDir("codegen-out-file");
    try {
      const out = join(dir, "taken");
      writeFileSync(out, "mine\n");
      await expectError(
        ["--in", V1, "--out", out],
        `${out}: exists and is not a directory (--out needs one)`,
      );
      assert.equal(readFileSync(out, "utf8"), "mine\n");
    } finally {
      cleanup();
    }
  });

  test("--out under a file", async () => {
    const { dir, cleanup } = tempDir("codegen-out-under-file");
    try {
      writeFileSync(join(dir, "file"), "");
      const out = join(dir, "file", "sub");
      await expectError(
        ["--in", V1, "--out", out],
        `${out}: unusable as --out (a parent is not a directory, ENOTDIR)`,
      );
      assert.deepEqual(readdirSync(dir), ["file"]);
    } finally {
      cleanup();
    }
  });

  // root may write anywhere, so a read-only directory only means something for other users.
  test("--out in a read-only directory", { skip: process.getuid?.() === 0 }, async () => {
    const { dir, cleanup } = tempDir("codegen-out-readonly");
    try {
      const locked = join(dir, "locked");
      mkdirSync(locked, { mode: 0o555 });
      const out = join(locked, "out");
      await expectError(
        ["--in", V1, "--out", out],
        `${out}: not writable (permission denied, EACCES); choose another --out`,
      );
      assert.deepEqual(readdirSync(locked), []);
      chmodSync(locked, 0o755);
    } finally {
      cleanup();
    }
  });

  test("--in / --from name a missing file or a directory without documents", async () => {
    const ws = workspace("codegen-from");
    try {
      const missing = join(ws.dir, "missing.json");
      const empty = join(ws.dir, "empty");
      mkdirSync(empty);
      const out = join(ws.dir, "out");
      const pull = ["--pull", "--snapshots", ws.snapshots, "--generated", ws.generated];
      await expectError(["--in", missing, "--out", out], `${missing}: no such file or directory`);
      await expectError([...pull, "--from", missing], `${missing}: no such file or directory`);
      const none = `${empty}: no *.json Discovery documents in this directory`;
      await expectError(["--in", empty, "--out", out], none);
      await expectError([...pull, "--from", empty], none);
      ws.untouched();
      assert.deepEqual(readdirSync(ws.dir).sort(), ["empty", "generated", "snapshots"]);
    } finally {
      ws.cleanup();
    }
  });

  test("--pull from an unreachable URL fails fast and leaves the snapshot alone", async () => {
    const ws = workspace("codegen-unreachable");
    try {
      await expectError(
        [
          "--pull",
          "--from",
          "http://127.0.0.1:1/",
          "--snapshots",
          ws.snapshots,
          "--generated",
          ws.generated,
        ],
        "http://127.0.0.1:1/: could not fetch (fetch refuses port 1); offline? Use --from FILE|DIR; the snapshot is unchanged",
      );
      ws.untouched();
    } finally {
      ws.cleanup();
    }
  });

  test("--pull with --generated on a file writes no snapshot", async () => {
    const ws = workspace("codegen-generated-file");
    try {
      const file = join(ws.dir, "file");
      writeFileSync(file, "");
      await expectError(
        ["--pull", "--from", V1, "--snapshots", ws.snapshots, "--generated", file],
        `${file}: exists and is not a directory (--generated needs one)`,
      );
      ws.untouched();
    } finally {
      ws.cleanup();
    }
  });
});
