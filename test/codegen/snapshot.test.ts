import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { parseDiscovery } from "../../codegen/discovery.js";
import { formatJson } from "../../codegen/json-format.js";
import { snapshotText, toSnapshot } from "../../codegen/snapshot.js";
import { REPO_ROOT, SHARED_DISCOVERY } from "./helpers/fixtures.js";

const PROSE = /"(description|enumDescriptions|title|icons|documentationLink)":/;
const COMMITTED = join(REPO_ROOT, "codegen", "discovery");

describe("facts-only snapshot", () => {
  test("drops prose and keeps facts", () => {
    const doc = parseDiscovery(
      readFileSync(join(SHARED_DISCOVERY, "dataportability.v1.json"), "utf8"),
    );
    const text = snapshotText(doc);
    assert.equal(PROSE.test(text), false, "no prose keys");
    const snap = toSnapshot(doc) as { revision: string; auth: { oauth2: { scopes: object } } };
    assert.equal(snap.revision, "20260309");
    assert.equal(Object.keys(snap.auth.oauth2.scopes).length, 65);
    assert.match(text, /"flatPath": "v1\/archiveJobs\/\{archiveJobsId\}:retry"/);
    assert.match(text, /"pattern": "\^archiveJobs\/\[\^\/\]\+\$"/);
  });

  test("is stable: keys sorted, and a snapshot of a snapshot is the same text", () => {
    const doc = parseDiscovery(
      readFileSync(join(SHARED_DISCOVERY, "dataportability.v1beta.json"), "utf8"),
    );
    const once = snapshotText(doc);
    assert.equal(snapshotText(parseDiscovery(once)), once);
    const keys = Object.keys(JSON.parse(once) as object);
    assert.deepEqual(keys, [...keys].sort());
  });

  test("committed snapshots have no description or enumDescriptions", () => {
    const files = readdirSync(COMMITTED).filter((f) => f.endsWith(".json"));
    assert.deepEqual(files.sort(), ["dataportability.v1.json", "dataportability.v1beta.json"]);
    for (const file of files) {
      const text = readFileSync(join(COMMITTED, file), "utf8");
      assert.equal(PROSE.test(text), false, `${file} has prose`);
    }
  });

  test("JSON layout: scalar arrays on one line when they fit, objects expanded", () => {
    const long = Array.from({ length: 12 }, (_, i) => `value-number-${i}`);
    assert.equal(
      formatJson({ a: ["x", "y"], b: {}, c: [], d: { e: 1 }, f: long }),
      `{\n  "a": ["x", "y"],\n  "b": {},\n  "c": [],\n  "d": {\n    "e": 1\n  },\n  "f": [\n${long
        .map((v) => `    "${v}"`)
        .join(",\n")}\n  ]\n}\n`,
    );
  });
});
