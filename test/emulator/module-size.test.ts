import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { test } from "node:test";

// style.md: one module per concept, most files ≤ 200 lines. The emulator has no reason for an
// exception, so a module that grows past it is split by concept rather than waved through.
test("every emulator module is at most 200 lines", () => {
  const dir = resolve(import.meta.dirname, "../../src/emulator");
  const long = readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => [f, readFileSync(join(dir, f), "utf8").split("\n").length - 1] as const)
    .filter(([, lines]) => lines > 200);
  assert.deepEqual(long, []);
});
