import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { readManifest } from "../../src/archive/index.js";
import type { ExportProgress } from "../../src/archive/progress.js";
import { countTarget, emulatorWithToken } from "./helpers/emulator.js";

const CHILD = fileURLToPath(new URL("./fixtures/export-child.ts", import.meta.url));
const RESOURCES = ["myactivity.youtube", "maps.starred_places"];

type Line = ExportProgress | { result: { jobId: string; files: number } };

/** Runs the fixture; `onLine` may return true to SIGKILL it. Resolves with every line and the exit. */
function runChild(
  args: string[],
  onLine: (line: Line, child: ChildProcess) => boolean,
): Promise<{ lines: Line[]; code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: Line[] = [];
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (text) => {
    const line = JSON.parse(text) as Line;
    lines.push(line);
    if (onLine(line, child)) {
      child.kill("SIGKILL");
    }
  });
  return new Promise((resolve) => {
    child.on("close", (code, signal) => resolve({ lines, code, signal, stderr }));
  });
}

test("a SIGKILLed export resumes in a new process: same job, no second initiate, Range", async (t) => {
  const setup = await emulatorWithToken(t, RESOURCES, {
    archiveBytes: 3_000_000,
    maxFileBytes: 1_000_000,
    faults: [{ target: "download", fault: { kind: "slow", delayMs: 2, chunkBytes: 32_768 } }],
  });
  const dir = await mkdtemp(join(tmpdir(), "dp-kill-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const args = [setup.running.url, setup.token, dir, ...RESOURCES];

  // First process: killed once the second file has bytes on disk (one file done, one partial).
  let completed = 0;
  const first = await runChild(args, (line) => {
    if ("phase" in line && line.phase === "download") {
      if (line.event === "complete") {
        completed++;
      }
      return completed >= 1 && line.event === "data" && line.bytes > 0;
    }
    return false;
  });
  assert.equal(first.signal, "SIGKILL", first.stderr);
  const manifest = await readManifest(dir);
  assert.ok(manifest !== undefined);
  assert.equal(manifest.files.length, 1);
  assert.ok((await readdir(dir)).some((name) => name.endsWith(".part")));
  assert.equal(countTarget(setup.running, "initiate"), 1);

  // Second process: same call, no job id given; continues from export.json.
  setup.running.emulator.faults.setScript([]);
  const second = await runChild(args, () => false);
  assert.equal(second.code, 0, second.stderr);
  const events = second.lines.filter((l): l is ExportProgress => "phase" in l);
  const initiate = events.find((e) => e.phase === "initiate");
  assert.deepEqual(initiate, {
    phase: "initiate",
    event: "resumed",
    jobId: manifest.jobId,
    accessType: "ACCESS_TYPE_ONE_TIME",
  });
  assert.equal(countTarget(setup.running, "initiate"), 1);
  const downloads = events.filter((e) => e.phase === "download");
  assert.ok(downloads.some((e) => e.event === "skip" && e.file === manifest.files[0]?.name));
  const resumed = downloads.find((e) => e.event === "resume");
  assert.ok(resumed !== undefined && resumed.bytes > 0);
  // Continued with Range from those bytes: no restart from byte 0.
  assert.ok(!downloads.some((e) => e.event === "restart"));

  const want = setup.running.emulator.archiveFiles(manifest.jobId);
  const done = await readManifest(dir);
  assert.equal(done?.complete, true);
  assert.deepEqual(
    done?.files.map((f) => [f.name, f.size, f.md5 ?? f.crc32c]),
    want.map((f) => [f.name, f.size, f.md5Base64 ?? f.crc32cBase64]),
  );
  assert.deepEqual((await readdir(dir)).sort(), ["export.json", ...want.map((f) => f.name)].sort());
});
