/**
 * Cold import time of the package (built dist/) against its parts, each in a fresh process.
 * Run: `npm run build && npx tsx bench/import.ts [runs]`.
 */

import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const RUNS = Number(process.argv[2] ?? 7);
const root = fileURLToPath(new URL("..", import.meta.url));
const dist = `${root}dist/src/index.js`;
if (!existsSync(dist)) {
  console.error("dist/ is missing: run `npm run build` first");
  process.exit(1);
}

const targets: [string, string][] = [
  ["dataportability-client (dist)", dist],
  ["dataportability-client/emulator (dist)", `${root}dist/src/emulator/index.js`],
  ["openapi-fetch", "openapi-fetch"],
  ["googleapis-common", "googleapis-common"],
];

function importMs(specifier: string): number {
  const probe = `const t = performance.now(); await import(${JSON.stringify(specifier)}); console.log(performance.now() - t);`;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", probe], { cwd: root });
  return Number(out.toString().trim());
}

console.log(`cold import, median of ${RUNS} fresh processes (Node ${process.version})\n`);
console.log("| module | median ms | min ms |");
console.log("| --- | ---: | ---: |");
for (const [name, specifier] of targets) {
  const times = Array.from({ length: RUNS }, () => importMs(specifier)).sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? Number.NaN;
  console.log(`| ${name} | ${median.toFixed(1)} | ${(times[0] ?? Number.NaN).toFixed(1)} |`);
}
