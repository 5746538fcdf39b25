/**
 * Download throughput and the client's peak RSS for a large archive (default 1 GiB) from the
 * emulator, which runs in a child process so that only the client's memory is measured.
 * Prints the client (exportArchive: stream → hash → disk) next to a bare fetch read loop
 * (no hashing, no disk: the floor that native fetch itself costs) and curl, if installed.
 * Run: `npx tsx bench/download.ts [MiB]`.
 */

import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { exportArchive } from "../src/archive/index.js";
import { createDataPortabilityClient } from "../src/client.js";
import { getArchiveState } from "../src/methods/index.js";

const MIB = 1024 * 1024;
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** Peak RSS sampled every 20 ms, and the kernel's high-water mark at the end. */
function sampleRss(): () => { peak: number; maxRss: number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  return () => {
    clearInterval(timer);
    return { peak, maxRss: process.resourceUsage().maxRSS * 1024 };
  };
}

const fmt = (bytes: number) => `${(bytes / MIB).toFixed(0)} MB`;
const rate = (bytes: number, ms: number) => `${(bytes / MIB / (ms / 1000)).toFixed(0)} MiB/s`;

/** Mode used by the bare-fetch control: read every URL and print `{ peak, bytes }`. */
async function rawFetch(urls: string[]): Promise<void> {
  const stop = sampleRss();
  let bytes = 0;
  for (const url of urls) {
    const reader = (await fetch(url)).body?.getReader();
    for (let r = await reader?.read(); r && !r.done; r = await reader?.read()) {
      bytes += r.value.length;
    }
  }
  console.log(JSON.stringify({ ...stop(), bytes }));
}

async function main(): Promise<void> {
  const mib = Number(process.argv[2] ?? 1024);
  const resources = ["myactivity.youtube"];
  const server = spawn(
    process.execPath,
    ["--import", "tsx", here("./download-emulator.ts"), String(mib * MIB), ...resources],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  try {
    const first = await new Promise<string>((resolve) =>
      createInterface({ input: server.stdout }).once("line", resolve),
    );
    const { url, token } = JSON.parse(first) as { url: string; token: string };
    const client = createDataPortabilityClient({ auth: token, baseUrl: url });
    const dir = await mkdtemp(join(tmpdir(), "dp-bench-"));
    try {
      const baseline = process.memoryUsage().rss;
      const stop = sampleRss();
      const started = performance.now();
      const result = await exportArchive(client, { resources, dir, pollIntervalMs: 10 });
      const ms = performance.now() - started;
      const { peak, maxRss } = stop();
      const total = result.files.reduce((sum, f) => sum + f.size, 0);
      const hashes = result.files.some((f) => f.md5) ? "md5" : "crc32c";
      console.log(
        `archive: ${result.files.length} file(s), ${fmt(total)} (verified with ${hashes})`,
      );
      console.log(
        `exportArchive: ${rate(total, ms)}, peak RSS ${fmt(peak)} (kernel max ${fmt(maxRss)}; ${fmt(baseline)} before the export, so +${fmt(peak - baseline)} for the download)`,
      );
      console.log(`target peak RSS < 100 MB: ${peak < 100 * MIB ? "met" : "NOT met"}`);

      const urls = (await getArchiveState(client, result.jobId)).urls ?? [];
      const raw = spawnSync(
        process.execPath,
        ["--import", "tsx", fileURLToPath(import.meta.url), "--raw-fetch", ...urls],
        { encoding: "utf8" },
      );
      const control = JSON.parse(raw.stdout.trim().split("\n").pop() ?? "{}") as {
        peak?: number;
      };
      if (control.peak !== undefined) {
        console.log(`bare fetch read loop (no hash, no disk): peak RSS ${fmt(control.peak)}`);
      }

      if (spawnSync("curl", ["--version"]).status === 0) {
        let curlMs = 0;
        for (const [i, u] of urls.entries()) {
          const t0 = performance.now();
          spawnSync("curl", ["-sS", "-o", join(dir, `curl-${i}.zip`), u]);
          curlMs += performance.now() - t0;
        }
        console.log(`curl: ${rate(total, curlMs)}`);
      } else {
        console.log("curl: not installed");
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  } finally {
    server.kill("SIGTERM");
  }
}

if (process.argv[2] === "--raw-fetch") {
  await rawFetch(process.argv.slice(3));
} else {
  await main();
}
