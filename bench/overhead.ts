/**
 * Per-call overhead of the runtime client against raw `fetch` and bare openapi-fetch, all
 * calling the same local node:http server (keep-alive), so the difference is client work:
 * middleware, auth header, retry wrapper, request clone, operation lookup.
 * Run: `npx tsx bench/overhead.ts [calls]`.
 */

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import createClient from "openapi-fetch";
import type { paths } from "../generated/dataportability.v1.js";
import { createDataPortabilityClient } from "../src/client.js";
import { getArchiveState } from "../src/methods/index.js";

const CALLS = Number(process.argv[2] ?? 3000);
const WARMUP = 300;
const BODY = JSON.stringify({
  name: "archiveJobs/j1/portabilityArchiveState",
  state: "IN_PROGRESS",
});

const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(BODY),
    });
    res.end(BODY);
  });
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const path = "/v1/archiveJobs/j1/portabilityArchiveState";

const bare = createClient<paths>({ baseUrl: base, headers: { authorization: "Bearer t" } });
const ours = createDataPortabilityClient({ auth: "t", baseUrl: base });
const params = { params: { path: { archiveJobsId: "j1" } } };

const variants: [string, () => Promise<unknown>][] = [
  [
    "raw fetch",
    async () => (await fetch(base + path, { headers: { authorization: "Bearer t" } })).json(),
  ],
  [
    "openapi-fetch (bare)",
    () => bare.GET("/v1/archiveJobs/{archiveJobsId}/portabilityArchiveState", params),
  ],
  [
    "dataportability-client GET",
    () => ours.GET("/v1/archiveJobs/{archiveJobsId}/portabilityArchiveState", params),
  ],
  ["dataportability-client getArchiveState", () => getArchiveState(ours, "j1")],
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

// Rounds interleave the variants so that machine noise and JIT warm-up hit them alike.
const ROUNDS = 5;
const samples = new Map<string, number[]>(variants.map(([name]) => [name, []]));
for (const [, call] of variants) {
  for (let i = 0; i < WARMUP; i++) {
    await call();
  }
}
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, call] of variants) {
    const times = samples.get(name) ?? [];
    for (let i = 0; i < CALLS / ROUNDS; i++) {
      const start = performance.now();
      await call();
      times.push((performance.now() - start) * 1000);
    }
  }
}
const rows = variants.map(([name]) => {
  const times = (samples.get(name) ?? []).sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  return { name, mean, p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
});
server.close();

const rawMedian = rows[0]?.p50 ?? 0;
console.log(
  `per-call time, ${CALLS} sequential calls to a loopback server (Node ${process.version})\n`,
);
console.log(`| ${"client".padEnd(40)} | mean µs | p50 µs | p99 µs | p50 vs raw |`);
console.log(`| ${"-".repeat(40)} | ------: | -----: | -----: | -----------: |`);
for (const row of rows) {
  const delta = row.p50 - rawMedian;
  const cells = [row.mean, row.p50, row.p99].map((v) => v.toFixed(0).padStart(7));
  console.log(
    `| ${row.name.padEnd(40)} | ${cells.join(" | ")} | ${`${delta >= 0 ? "+" : ""}${delta.toFixed(0)} µs`.padStart(12)} |`,
  );
}
