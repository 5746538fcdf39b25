/**
 * `npm run bench`: builds dist/, runs every benchmark in its own process, one after another,
 * prints their tables and writes them to bench/results.md. Not part of the test suite.
 * Pass names to run only some: `npm run bench -- overhead import`.
 */

import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const benches: [name: string, file: string, args: string[]][] = [
  ["overhead", "bench/overhead.ts", []],
  ["import", "bench/import.ts", []],
  ["codegen", "bench/codegen.ts", []],
  ["download", "bench/download.ts", []],
  ["emulator-download", "bench/emulator-download.ts", []],
];
const only = process.argv.slice(2);

execFileSync("npm", ["run", "-s", "build"], { cwd: root, stdio: "inherit" });
const sections: string[] = [
  "# Benchmark results",
  "",
  `Written by \`npm run bench\` on ${new Date().toISOString()}: Node ${process.version}, ` +
    `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}. Numbers from a shared 2-core machine are noisy; compare rows within one run.`,
];
for (const [name, file, args] of benches) {
  if (only.length > 0 && !only.includes(name)) {
    continue;
  }
  console.log(`\n## ${name}\n`);
  const out = execFileSync(process.execPath, ["--import", "tsx", file, ...args], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  console.log(out.trim());
  sections.push("", `## ${name} (\`${file}\`)`, "", out.trim());
}
writeFileSync(`${root}bench/results.md`, `${sections.join("\n")}\n`);
console.log("\nwrote bench/results.md");
