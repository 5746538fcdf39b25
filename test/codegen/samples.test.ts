import assert from "node:assert/strict";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { createConfig, lintFromString } from "@redocly/openapi-core";
import ts from "typescript";
import { listMethods, parseDiscovery } from "../../codegen/discovery.js";
import { emitFiles, writeFiles } from "../../codegen/emit.js";
import type { OpenApiDocument } from "../../codegen/openapi/types.js";
import { runGenerate, SHARED_DISCOVERY, tempDir } from "./helpers/fixtures.js";

const DIRS = [
  SHARED_DISCOVERY,
  join(SHARED_DISCOVERY, "samples"),
  join(SHARED_DISCOVERY, "revisions"),
];
const documents = DIRS.flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => join(dir, f)),
);

describe("every shared Discovery document converts", () => {
  const { dir, cleanup } = tempDir("codegen-samples");
  const outDirs = new Map<string, string>();
  let config: Awaited<ReturnType<typeof createConfig>> | undefined;
  before(async () => {
    // shared/discovery and its samples in one CLI run (--in DIR --in DIR); the old revision
    // has the same name and version as the current v1, so it is converted in process.
    const cli = join(dir, "cli");
    const run = runGenerate(["--in", DIRS[0] ?? "", "--in", DIRS[1] ?? "", "--out", cli]);
    assert.equal(run.status, 0, run.stderr);
    const revisions = join(dir, "revisions");
    for (const [index, input] of DIRS.entries()) {
      for (const file of readdirSync(input).filter((f) => f.endsWith(".json"))) {
        if (index === 2) {
          const text = readFileSync(join(input, file), "utf8");
          writeFiles(revisions, await emitFiles(parseDiscovery(text)));
        }
        outDirs.set(join(input, file), index === 2 ? revisions : cli);
      }
    }
  });
  after(cleanup);

  for (const file of documents) {
    const name = file.slice(SHARED_DISCOVERY.length + 1);
    test(`${name}: valid OpenAPI with one operation per method`, async () => {
      const doc = parseDiscovery(readFileSync(file, "utf8"));
      const out = outDirs.get(file) ?? "";
      const text = readFileSync(join(out, `${doc.name}.${doc.version}.openapi.json`), "utf8");
      config ??= await createConfig({ extends: ["recommended"] });
      const problems = await lintFromString({
        source: text,
        absoluteRef: join(out, "openapi.json"),
        config,
      });
      const bad = problems.filter(
        (p) => p.severity === "error" || p.ruleId === "path-parameters-defined",
      );
      assert.deepEqual(
        bad.map((p) => `${p.ruleId}: ${p.message}`),
        [],
      );
      const openapi = JSON.parse(text) as OpenApiDocument;
      const operations = Object.entries(openapi.paths).flatMap(([key, item]) =>
        Object.values(item).map((op) => ({ key, op })),
      );
      assert.equal(operations.length, listMethods(doc).length, "one operation per method");
      for (const { key, op } of operations) {
        assert.equal(key.includes("{+"), false, `${key} has {+`);
        assert.deepEqual(op.responses.default, { $ref: "#/components/responses/google.rpc.Error" });
        const ok = op.responses["200"];
        assert.ok(ok !== undefined && "content" in ok, `${op.operationId} has a 200 response`);
        assert.ok(ok.content?.["application/json"], `${op.operationId} answers JSON`);
      }
    });
  }

  test("every generated .d.ts compiles under strict tsc", () => {
    const files = [...new Set(outDirs.values())].flatMap((out) =>
      readdirSync(out)
        .filter((f) => f.endsWith(".d.ts") || f.endsWith(".operations.ts"))
        .map((f) => join(out, f)),
    );
    assert.equal(files.filter((f) => f.endsWith(".d.ts")).length, documents.length);
    // In process: the compiler is already loaded by openapi-typescript.
    writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
    const program = ts.createProgram(files, {
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      verbatimModuleSyntax: true,
      skipLibCheck: false,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      types: [],
    });
    const messages = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    assert.deepEqual(messages, []);
  });
});
