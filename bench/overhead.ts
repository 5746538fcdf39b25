/**
 * Per-call overhead of the runtime client against raw `fetch` and bare openapi-fetch, all
 * calling the same local node:http server (keep-alive), so the difference is client work:
 * middleware, auth header, retry wrapper, request clone, operation lookup.
 * Run: `npx tsx bench/overhead.ts [calls]`.
 */

import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Discovery, OAuth2Client } from "googleapis-common";
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

// googleapis' generated clients are googleapis-common endpoints over gaxios; building one from
// our facts-only snapshot gives the same runtime without installing the whole googleapis package.
const discovery = JSON.parse(
  readFileSync(new URL("../codegen/discovery/dataportability.v1.json", import.meta.url), "utf8"),
);

const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    if (req.url === "/$discovery") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ...discovery, rootUrl: `${base}/` }));
      return;
    }
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
const oauth = new OAuth2Client();
oauth.setCredentials({ access_token: "t", expiry_date: Date.now() + 3_600_000 });
const createEndpoint = await new Discovery({}).discoverAPI(`${base}/$discovery`);
// biome-ignore lint/suspicious/noExplicitAny: the Discovery-built endpoint is untyped by design.
const legacy = createEndpoint({ auth: oauth }, {}) as any;

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
  [
    "googleapis-common endpoint (gaxios)",
    () =>
      legacy.archiveJobs.getPortabilityArchiveState({
        name: "archiveJobs/j1/portabilityArchiveState",
      }),
  ],
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
