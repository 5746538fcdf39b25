// Builds dist/: compiles src/ and the generated operations tables with tsc, then copies what tsc
// does not emit (the generated .d.ts files and the OpenAPI documents the emulator validates with).
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
rmSync(dist, { recursive: true, force: true });

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], {
  stdio: "inherit",
});

const generated = join(root, "generated");
mkdirSync(join(dist, "generated"), { recursive: true });
for (const name of readdirSync(generated)) {
  if ((name.endsWith(".d.ts") && !name.endsWith(".operations.d.ts")) || name.endsWith(".json")) {
    copyFileSync(join(generated, name), join(dist, "generated", name));
  }
}
chmodSync(join(dist, "src", "cli", "main.js"), 0o755);
console.log("built dist/");
