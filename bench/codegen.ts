/**
 * Codegen time: loading openapi-typescript (with the TypeScript compiler), then converting and
 * emitting both committed Data Portability snapshots, cold and warm.
 * Run: `npx tsx bench/codegen.ts`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseDiscovery } from "../codegen/discovery.js";

const SNAPSHOTS = resolve(import.meta.dirname, "../codegen/discovery");
const RUNS = 10;

const docs = readdirSync(SNAPSHOTS)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => parseDiscovery(readFileSync(join(SNAPSHOTS, f), "utf8")));

let started = performance.now();
const { emitFiles } = await import("../codegen/emit.js");
const loadMs = performance.now() - started;

const times: number[] = [];
for (let run = 0; run < RUNS; run += 1) {
  started = performance.now();
  for (const doc of docs) {
    await emitFiles(doc);
  }
  times.push(performance.now() - started);
}
const sorted = [...times].sort((a, b) => a - b);
const ms = (n: number | undefined): string => `${(n ?? 0).toFixed(0)} ms`;
console.log(`codegen (${docs.map((d) => d.id).join(", ")})`);
console.log(`  load openapi-typescript + typescript: ${ms(loadMs)}`);
console.log(`  first run (cold):                   ${ms(times[0])}`);
console.log(`  median of ${RUNS} runs (warm):           ${ms(sorted[Math.floor(RUNS / 2)])}`);
console.log(`  process total so far:               ${ms(performance.now())}`);
