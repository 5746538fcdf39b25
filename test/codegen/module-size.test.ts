import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { REPO_ROOT } from "./helpers/fixtures.js";

// style.md: one module per concept, most files ≤ 200 lines. The generator has no reason for
// an exception, so a module that grows past it is split by concept rather than waved through.
test("every codegen module is at most 200 lines", () => {
  const dir = join(REPO_ROOT, "codegen");
  const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) =>
    f.endsWith(".ts"),
  );
  const long = files
    .map((f) => [f, readFileSync(join(dir, f), "utf8").split("\n").length - 1] as const)
    .filter(([, lines]) => lines > 200);
  assert.deepEqual(long, []);
});
