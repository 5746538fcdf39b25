/**
 * Shared test fixtures for codegen: repository paths, a tiny Discovery document builder and a
 * runner for `codegen/main.ts` in a child process.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type {
  DiscoveryDocument,
  DiscoveryMethod,
  DiscoverySchema,
} from "../../../codegen/discovery.js";

export const REPO_ROOT = resolve(import.meta.dirname, "../../..");
/** In CI the repository is cloned elsewhere with shared/ beside it. */
export const SHARED_DISCOVERY = resolve(REPO_ROOT, "../shared/discovery");

/** A minimal valid document; `methods` and `schemas` are merged in. */
export function miniDoc(
  methods: Record<string, Partial<DiscoveryMethod>> = {},
  schemas: Record<string, DiscoverySchema> = {},
  extra: Partial<DiscoveryDocument> = {},
): DiscoveryDocument {
  const full: Record<string, DiscoveryMethod> = {};
  for (const [name, m] of Object.entries(methods)) {
    full[name] = { id: `demo.things.${name}`, path: `v1/things:${name}`, httpMethod: "POST", ...m };
  }
  return {
    kind: "discovery#restDescription",
    id: "demo:v1",
    name: "demo",
    version: "v1",
    revision: "20260101",
    rootUrl: "https://demo.googleapis.com/",
    servicePath: "",
    schemas,
    resources: { things: { methods: full } },
    ...extra,
  };
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `tsx codegen/main.ts ...args` from the repository root. */
export function runGenerate(args: readonly string[]): RunResult {
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", join(REPO_ROOT, "codegen", "main.ts"), ...args],
    { cwd: REPO_ROOT, encoding: "utf8", timeout: 60_000 },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Like runGenerate, without blocking the event loop (for tests that serve HTTP to it). */
export function runGenerateAsync(args: readonly string[]): Promise<RunResult> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(REPO_ROOT, "codegen", "main.ts"), ...args],
    { cwd: REPO_ROOT },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** A fresh temporary directory, removed by the returned cleanup. */
export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
