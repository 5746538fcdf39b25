/**
 * Download throughput and the client's peak RSS for a large archive (default 1 GiB) from the
 * emulator. The emulator runs in one child process and each client run in another, so only
 * the client's memory is measured; the client is compiled to JS first (as users run it),
 * with a run under tsx for comparison (tsx itself adds ~30 MB before any work). Each row
 * gives the RSS once loaded, when the download starts (after the API calls) and the peak;
 * next to a bare fetch read loop, an idle client after one API call (the API side's own
 * peak) and curl. Target: client peak RSS < 100 MB.
 * Run: `npx tsx bench/download.ts [MiB]`.
 */

import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { createDataPortabilityClient } from "../src/client.js";
import { getArchiveState } from "../src/methods/index.js";
import type { ClientResult } from "./download-client.js";

const MIB = 1024 * 1024;
const root = fileURLToPath(new URL("..", import.meta.url));
const mb = (bytes: number) => `${(bytes / MIB).toFixed(0)} MB`;
const rate = (bytes: number, ms: number) => `${(bytes / MIB / (ms / 1000)).toFixed(0)} MiB/s`;

/** Compiles src/ and the client script into `out` with the build's settings; false on failure. */
async function compile(out: string): Promise<boolean> {
  const config = join(out, "tsconfig.json");
  await writeFile(
    config,
    JSON.stringify({
      extends: join(root, "tsconfig.build.json"),
      compilerOptions: {
        outDir: join(out, "build"),
        declaration: false,
        typeRoots: [join(root, "node_modules/@types")],
      },
      include: [join(root, "src"), join(root, "generated/*.operations.ts")],
      files: [join(root, "bench/download-client.ts")],
      exclude: [],
    }),
  );
  // The compiled files import packages: resolve them from the repository's node_modules.
  await symlink(join(root, "node_modules"), join(out, "node_modules"));
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const run = spawnSync(process.execPath, [tsc, "-p", config], { encoding: "utf8" });
  if (run.status !== 0) {
    console.error(`compiling the client failed, measuring under tsx only:\n${run.stdout}`);
  }
  return run.status === 0;
}

function runClient(args: string[], script: string, tsx: boolean): ClientResult {
  const run = spawnSync(process.execPath, [...(tsx ? ["--import", "tsx"] : []), script, ...args], {
    encoding: "utf8",
    cwd: root,
  });
  const last = run.stdout.trim().split("\n").pop() ?? "";
  if (run.status !== 0 || !last.startsWith("{")) {
    throw new Error(`client run failed (${args.at(-1)}):\n${run.stderr}`);
  }
  return JSON.parse(last) as ClientResult;
}

async function main(): Promise<void> {
  const mib = Number(process.argv[2] ?? 1024);
  const server = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      join(root, "bench/download-emulator.ts"),
      String(mib * MIB),
      "myactivity.youtube",
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const out = await mkdtemp(join(tmpdir(), "dp-bench-build-"));
  try {
    const first = await new Promise<string>((resolve) =>
      createInterface({ input: server.stdout }).once("line", resolve),
    );
    const { url, token } = JSON.parse(first) as { url: string; token: string };
    const compiled = await compile(out);
    const js = join(out, "build/bench/download-client.js");
    const ts = join(root, "bench/download-client.ts");
    const rows: [string, ClientResult][] = [];
    let jobId = "-";
    const measure = (label: string, mode: string, tsx: boolean) => {
      const result = runClient([url, token, jobId, mode], tsx ? ts : js, tsx);
      jobId = result.jobId;
      rows.push([label, result]);
    };
    if (compiled) {
      measure("exportArchive, compiled JS", "export", false);
      measure("exportArchive, compiled, fetch option", "export-fetch", false);
      measure("bare fetch read loop, compiled (no hash/disk)", "fetch-loop", false);
      measure("one API call, then 8 s idle (no download)", "api-idle", false);
    }
    measure("exportArchive under tsx", "export", true);

    const client = createDataPortabilityClient({ auth: token, baseUrl: url });
    const urls = (await getArchiveState(client, jobId)).urls ?? [];
    let curl = "curl not installed";
    if (spawnSync("curl", ["--version"]).status === 0) {
      const t0 = performance.now();
      for (const u of urls) {
        spawnSync("curl", ["-sS", "-o", join(out, "curl.zip"), u]);
      }
      curl = rate(rows[0]?.[1].bytes ?? 0, performance.now() - t0);
    }

    const header = [
      "client",
      "archive",
      "MiB/s",
      "baseline RSS",
      "RSS after API calls",
      "peak RSS (sampled after)",
      "peak RSS (kernel, whole run)",
    ];
    const table = [
      header,
      ...rows.map(([label, r]) => [
        label,
        mb(r.bytes),
        r.bytes > 0 ? rate(r.bytes, r.ms) : "-",
        mb(r.baselineRss),
        mb(r.downloadStartRss),
        mb(r.downloadPeakRss),
        mb(r.maxRss),
      ]),
      ["curl (to disk)", mb(rows[0]?.[1].bytes ?? 0), curl, "", "", "", ""],
    ];
    const widths = header.map((_, c) => Math.max(...table.map((row) => (row[c] ?? "").length)));
    for (const row of table) {
      console.log(row.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(" | "));
    }
    const main = rows[0]?.[1];
    if (main !== undefined) {
      const peak = Math.max(main.downloadPeakRss, main.maxRss);
      console.log(
        `target: client peak RSS < 100 MB for ${mb(main.bytes)}: ${peak < 100 * MIB ? "met" : "NOT met"} (${mb(peak)}, ${rows[0]?.[0]})`,
      );
    }
  } finally {
    server.kill("SIGTERM");
    await rm(out, { recursive: true, force: true });
  }
}

await main();
