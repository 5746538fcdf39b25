/**
 * The client side of bench/download.ts, in its own process so that its memory is measured
 * alone; bench/download.ts compiles it (and src/) to JS, as users run the library, and also
 * runs it under tsx for comparison. Prints one JSON line ({@link ClientResult}).
 * Run: `node download-client.js <url> <token> <jobId|-> <mode>`; modes:
 * - `export`: exportArchive with the default transport;
 * - `export-fetch`: exportArchive with `fetch: globalThis.fetch`;
 * - `fetch-loop`: a bare fetch read loop over the job's URLs (no hash, no disk);
 * - `api-idle`: one API call (getArchiveState), then 8 s idle, no download: the cost of the
 *   API client's fetch alone (undici compiles its HTTP parser to optimised wasm in the
 *   background a few seconds after the first request, a ~25 MB transient).
 */

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exportArchive } from "../src/archive/index.js";
import { createDataPortabilityClient } from "../src/client.js";
import { getArchiveState } from "../src/methods/index.js";

export interface ClientResult {
  jobId: string;
  bytes: number;
  /** Download time (first to last byte), ms. */
  ms: number;
  /** RSS once the library is loaded and the client made, before the export. */
  baselineRss: number;
  /** RSS after the API calls (initiate, polls), when the download (or idle wait) starts. */
  downloadStartRss: number;
  /** Highest RSS sampled (every 5 ms) from then on. */
  downloadPeakRss: number;
  /** The kernel's high-water mark for the whole process (never misses a spike). */
  maxRss: number;
}

const [url = "", token = "", givenJob = "-", mode = "export"] = process.argv.slice(2);
const resources = ["myactivity.youtube" as const];
const client = createDataPortabilityClient({ auth: token, baseUrl: url });
await new Promise((resolve) => setTimeout(resolve, 50));
const baselineRss = process.memoryUsage().rss;

let sampling: NodeJS.Timeout | undefined;
let downloadPeakRss = 0;
let downloadStartRss = 0;
let started = 0;
const startSampling = () => {
  if (sampling === undefined) {
    started = performance.now();
    downloadStartRss = process.memoryUsage().rss;
    downloadPeakRss = downloadStartRss;
    sampling = setInterval(() => {
      downloadPeakRss = Math.max(downloadPeakRss, process.memoryUsage().rss);
    }, 5);
  }
};

let jobId = givenJob;
let bytes = 0;
if (mode === "api-idle") {
  await getArchiveState(client, givenJob);
  startSampling();
  await new Promise((resolve) => setTimeout(resolve, 8000));
} else if (mode === "fetch-loop") {
  const { urls = [] } = await getArchiveState(client, givenJob);
  startSampling();
  for (const u of urls) {
    const reader = (await fetch(u)).body?.getReader();
    for (let r = await reader?.read(); r && !r.done; r = await reader?.read()) {
      bytes += r.value.length;
    }
  }
} else {
  const dir = await mkdtemp(join(tmpdir(), "dp-bench-"));
  try {
    const result = await exportArchive(client, {
      resources,
      dir,
      pollIntervalMs: 10,
      ...(givenJob === "-" ? {} : { jobId: givenJob }),
      ...(mode === "export-fetch" ? { fetch: (r: Request) => globalThis.fetch(r) } : {}),
      onProgress: (e) => {
        if (e.phase === "download") {
          startSampling();
        }
      },
    });
    jobId = result.jobId;
    bytes = result.files.reduce((sum, f) => sum + f.size, 0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
const ms = performance.now() - started;
clearInterval(sampling);
const result: ClientResult = {
  jobId,
  bytes,
  ms,
  baselineRss,
  downloadStartRss,
  downloadPeakRss: Math.max(downloadPeakRss, process.memoryUsage().rss),
  maxRss: process.resourceUsage().maxRSS * 1024,
};
console.log(JSON.stringify(result));
