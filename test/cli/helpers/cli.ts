/**
 * Spawns the CLI from source the way a user runs it, with a private config directory and no
 * inherited DATAPORTABILITY_* variables, and collects its output.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestContext } from "node:test";

const ROOT = new URL("../../../", import.meta.url);
const MAIN = new URL("src/cli/main.ts", ROOT).pathname;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Extra environment (XDG_CONFIG_HOME should be set by the caller). */
  env?: Record<string, string>;
  cwd?: string;
}

function environment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  for (const key of Object.keys(env)) {
    if (key.startsWith("DATAPORTABILITY_")) {
      delete env[key];
    }
  }
  return { ...env, ...extra };
}

/** Starts the CLI; the caller reads its streams and waits for it. */
export function spawnCli(args: readonly string[], options: CliOptions = {}): CliProcess {
  const child = spawn(process.execPath, ["--import", "tsx", MAIN, ...args], {
    cwd: options.cwd ?? ROOT.pathname,
    env: environment(options.env),
  });
  return new CliProcess(child);
}

/** Runs the CLI to completion. */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return spawnCli(args, options).done;
}

export class CliProcess {
  stdout = "";
  stderr = "";
  readonly done: Promise<CliResult>;
  private readonly waiters: Array<() => void> = [];

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      this.stdout += chunk;
      this.notify();
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      this.stderr += chunk;
      this.notify();
    });
    this.done = new Promise((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code) => {
        this.notify();
        resolve({ code, stdout: this.stdout, stderr: this.stderr });
      });
    });
  }

  /** Resolves with the first match of `pattern` in stdout; rejects if the process ends first. */
  async waitFor(
    pattern: RegExp,
    stream: "stdout" | "stderr" = "stdout",
  ): Promise<RegExpMatchArray> {
    for (;;) {
      const match = this[stream].match(pattern);
      if (match) {
        return match;
      }
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        throw new Error(`CLI exited before printing ${pattern}:\n${this.stdout}\n${this.stderr}`);
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private notify(): void {
    for (const wake of this.waiters.splice(0)) {
      wake();
    }
  }
}

/** A fresh directory removed after the test. */
export async function tempDir(t: TestContext, prefix = "dp-cli-"): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}
