import assert from "node:assert/strict";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { parseDiscovery } from "../../codegen/discovery.js";
import { toOpenApi } from "../../codegen/openapi/document.js";
import { miniDoc, runGenerate, tempDir } from "./helpers/fixtures.js";

const retry = {
  path: "v1/{+name}:retry",
  flatPath: "v1/archiveJobs/{archiveJobsId}:retry",
  parameters: { name: { location: "path", required: true, type: "string" } },
};

/** [name, document text, the one-line message expected] */
const cases: [string, string, string][] = [
  ["invalid JSON", '{"name": "demo",', "invalid JSON"],
  [
    "missing required key",
    JSON.stringify(miniDoc({ retry: { ...retry, path: undefined } as never })),
    "resources.things.methods.retry.path: missing",
  ],
  ["missing top-level name", JSON.stringify({ ...miniDoc(), name: undefined }), "name: missing"],
  [
    "unknown httpMethod",
    JSON.stringify(miniDoc({ retry: { ...retry, httpMethod: "FETCH" as never } })),
    'resources.things.methods.retry.httpMethod: unknown httpMethod "FETCH"',
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
    "resources.things.methods.retry.parameters.name: path parameter has no {name} token",
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
    'resources.things.methods.b.id: duplicate operation id "demo.same"',
  ],
];

describe("bad input is one line naming the JSON path", () => {
  for (const [name, text, message] of cases) {
    test(name, () => {
      assert.throws(
        () => toOpenApi(parseDiscovery(text)),
        (error: unknown) => {
          assert.ok(error instanceof Error, "an Error");
          assert.ok(error.message.includes(message), `${error.message} should include ${message}`);
          assert.equal(error.message.includes("\n"), false, "one line");
          return true;
        },
      );
    });
  }

  test("methods that would collapse onto one path and verb", () => {
    const doc = miniDoc({ a: { path: "v1/x" }, b: { path: "v1/x" } });
    assert.throws(
      () => toOpenApi(parseDiscovery(JSON.stringify(doc))),
      /resources\.things\.methods\.b\.flatPath: POST \/v1\/x is already used/,
    );
  });

  test("the CLI exits 1 with one line and writes nothing", () => {
    const { dir, cleanup } = tempDir("codegen-bad");
    try {
      const [, text] = cases[4] ?? [];
      const input = join(dir, "bad.json");
      writeFileSync(input, text ?? "");
      const out = join(dir, "out");
      const snapshots = join(dir, "snapshots");
      for (const args of [
        ["--in", input, "--out", out],
        ["--pull", "--from", input, "--snapshots", snapshots, "--generated", out],
      ]) {
        const run = runGenerate(args);
        assert.equal(run.status, 1, run.stderr);
        const lines = run.stderr.trim().split("\n");
        assert.equal(lines.length, 1, run.stderr);
        assert.match(
          lines[0] ?? "",
          /bad\.json: resources\.things\.methods\.retry\.request\.\$ref: \$ref to missing schema/,
        );
      }
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
