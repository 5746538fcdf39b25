import assert from "node:assert/strict";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { parseDiscovery } from "../../codegen/discovery.js";
import { toOpenApi } from "../../codegen/openapi/document.js";
import { miniDoc, runGenerate, runGenerateAsync, tempDir } from "./helpers/fixtures.js";

const retry = {
  path: "v1/{+name}:retry",
  flatPath: "v1/archiveJobs/{archiveJobsId}:retry",
  parameters: { name: { location: "path", required: true, type: "string" } },
};

const BROKEN_JSON = '{"name": "demo",';

/** JSON.parse's own words, which differ between Node versions. */
function jsonError(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected invalid JSON");
}

/** [name, document text, the exact message: `<JSON path>: <problem>`] */
const cases: [string, string, string][] = [
  ["invalid JSON", BROKEN_JSON, `invalid JSON (${jsonError(BROKEN_JSON)})`],
  [
    "missing required key",
    JSON.stringify(miniDoc({ retry: { ...retry, path: undefined } as never })),
    "resources.things.methods.retry.path: missing",
  ],
  ["missing top-level name", JSON.stringify({ ...miniDoc(), name: undefined }), "name: missing"],
  [
    "unknown httpMethod",
    JSON.stringify(miniDoc({ retry: { ...retry, httpMethod: "FETCH" as never } })),
    'resources.things.methods.retry.httpMethod: unknown httpMethod "FETCH" (expected GET, POST, PUT, PATCH, DELETE)',
  ],
  [
    "$ref to a missing schema",
    JSON.stringify(miniDoc({ retry: { ...retry, request: { $ref: "Nope" } } })),
    'resources.things.methods.retry.request.$ref: $ref to missing schema "Nope"',
  ],
  [
    "$ref to a missing schema inside a schema",
    JSON.stringify(
      miniDoc(
        {},
        { A: { type: "object", properties: { b: { type: "array", items: { $ref: "B" } } } } },
      ),
    ),
    'schemas.A.properties.b.items.$ref: $ref to missing schema "B"',
  ],
  [
    "path parameter with no template token",
    JSON.stringify(miniDoc({ retry: { ...retry, path: "v1/archiveJobs:retry" } })),
    'resources.things.methods.retry.parameters.name: path parameter has no {name} token in path "v1/archiveJobs:retry"',
  ],
  [
    "path parameter with no token in flatPath (found by the OpenAPI conversion)",
    JSON.stringify(miniDoc({ retry: { ...retry, flatPath: "v1/archiveJobs:retry" } })),
    'resources.things.methods.retry.parameters.name: path parameter has no {name} token in flatPath "v1/archiveJobs:retry"',
  ],
  [
    "methods that would collapse onto one path and verb (found by the OpenAPI conversion)",
    JSON.stringify(miniDoc({ a: { path: "v1/x" }, b: { path: "v1/x" } })),
    "resources.things.methods.b.flatPath: POST /v1/x is already used by demo.things.a; two methods may not share a path and verb",
  ],
  [
    "a parameter in an unknown location (keys that are not identifiers are quoted)",
    JSON.stringify(
      miniDoc({
        retry: {
          ...retry,
          parameters: { ...retry.parameters, "$.x": { location: "header", type: "string" } },
        },
      }),
    ),
    'resources.things.methods.retry.parameters["$.x"].location: must be path or query',
  ],
  [
    "duplicate operation id",
    JSON.stringify(
      miniDoc({
        a: { id: "demo.same", path: "v1/a" },
        b: { id: "demo.same", path: "v1/b" },
      }),
    ),
    'resources.things.methods.b.id: duplicate operation id "demo.same" (also at resources.things.methods.a.id)',
  ],
];

describe("bad input is one line: <file>: <JSON path>: <problem>", () => {
  for (const [name, text, message] of cases) {
    test(name, () => {
      assert.throws(
        () => toOpenApi(parseDiscovery(text)),
        (error: unknown) => {
          assert.ok(error instanceof Error, "an Error");
          assert.equal(error.message, message);
          return true;
        },
      );
    });
  }

  test("the CLI prints each as exactly one line prefixed with the file, exit 1, nothing written", async () => {
    const { dir, cleanup } = tempDir("codegen-bad");
    try {
      const runs = cases.map(async ([, text, message], index) => {
        const input = join(dir, `bad-${index}.json`);
        writeFileSync(input, text);
        const run = await runGenerateAsync(["--in", input, "--out", join(dir, `out-${index}`)]);
        return { run, expected: `error: ${input}: ${message}\n` };
      });
      for (const { run, expected } of await Promise.all(runs)) {
        assert.equal(run.stderr, expected);
        assert.equal(run.status, 1);
      }
      assert.deepEqual(
        readdirSync(dir).filter((n) => n.startsWith("out-")),
        [],
        "no output directory",
      );
    } finally {
      cleanup();
    }
  });

  test("--pull reports the same line and writes no snapshot", () => {
    const { dir, cleanup } = tempDir("codegen-bad-pull");
    try {
      const [, text, message] = cases[4] ?? [];
      const input = join(dir, "bad.json");
      writeFileSync(input, text ?? "");
      const out = join(dir, "out");
      const snapshots = join(dir, "snapshots");
      const run = runGenerate([
        "--pull",
        "--from",
        input,
        "--snapshots",
        snapshots,
        "--generated",
        out,
      ]);
      assert.equal(run.status, 1, run.stderr);
      assert.equal(run.stderr, `error: ${input}: ${message}\n`);
      assert.equal(existsSync(out), false, "no output directory");
      assert.equal(
        existsSync(snapshots) && readdirSync(snapshots).length > 0,
        false,
        "no snapshot",
      );
    } finally {
      cleanup();
    }
  });
});
