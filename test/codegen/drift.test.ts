import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { parseDiscovery } from "../../codegen/discovery.js";
import { diffSnapshots } from "../../codegen/drift.js";
import { formatDrift } from "../../codegen/drift-report.js";
import { snapshotText } from "../../codegen/snapshot.js";
import { miniDoc, runGenerate, SHARED_DISCOVERY, tempDir } from "./helpers/fixtures.js";

const OLD = join(SHARED_DISCOVERY, "revisions", "dataportability.v1.20240319.json");
const NEW = join(SHARED_DISCOVERY, "dataportability.v1.json");
const snapshot = (file: string) =>
  parseDiscovery(snapshotText(parseDiscovery(readFileSync(file, "utf8"))));

describe("drift report", () => {
  test("revision 20240319 → current names the new methods, schemas, fields and scopes", () => {
    const entries = diffSnapshots(snapshot(OLD), snapshot(NEW));
    const added = (kind: string) =>
      entries.filter((e) => e.kind === kind && e.change === "added").map((e) => e.subject);
    assert.deepEqual(added("method").sort(), ["accessType.check", "archiveJobs.cancel"]);
    assert.deepEqual(added("schema").sort(), [
      "CancelPortabilityArchiveRequest",
      "CancelPortabilityArchiveResponse",
      "CheckAccessTypeRequest",
      "CheckAccessTypeResponse",
    ]);
    assert.deepEqual(added("field").sort(), [
      "InitiatePortabilityArchiveRequest.endTime",
      "InitiatePortabilityArchiveRequest.startTime",
      "InitiatePortabilityArchiveResponse.accessType",
      "PortabilityArchiveState.exportTime",
      "PortabilityArchiveState.startTime",
    ]);
    const scopes = entries.filter((e) => e.kind === "scope").map((e) => `${e.change} ${e.subject}`);
    assert.deepEqual(scopes, [
      "added https://www.googleapis.com/auth/dataportability.youtube.clips",
      "removed https://www.googleapis.com/auth/dataportability.maps.post_trip_feedback",
    ]);
  });

  test("the same snapshot twice has no drift", () => {
    assert.deepEqual(diffSnapshots(snapshot(NEW), snapshot(NEW)), []);
    assert.match(formatDrift("dataportability:v1", []), /No drift/);
  });

  test("paths, parameters, field types and enum values are compared", () => {
    const a = miniDoc(
      { get: { httpMethod: "GET", parameters: { q: { location: "query", type: "string" } } } },
      {
        S: {
          type: "object",
          properties: { n: { type: "integer" }, e: { type: "string", enum: ["A", "B"] } },
        },
      },
    );
    const b = miniDoc(
      {
        get: {
          httpMethod: "GET",
          path: "v2/things:get",
          parameters: {
            q: { location: "query", type: "integer" },
            r: { location: "query", type: "string" },
          },
        },
      },
      {
        S: {
          type: "object",
          properties: { n: { type: "string" }, e: { type: "string", enum: ["A", "C"] } },
        },
      },
    );
    const lines = formatDrift("demo:v1", diffSnapshots(a, b)).split("\n");
    for (const want of [
      "- changed path `things.get path`: v1/things:get → v2/things:get",
      "- changed parameter `things.get(q) type`: string → integer",
      "- added parameter `things.get(r)`: string in query",
      "- changed field `S.n type`: integer → string",
      "- added enum value `S.e C`",
      "- removed enum value `S.e B`",
    ]) {
      assert.ok(lines.includes(want), `missing ${want} in\n${lines.join("\n")}`);
    }
  });

  test("pulling the old revision then the current one prints the report (temp dirs)", () => {
    const { dir, cleanup } = tempDir("codegen-drift");
    try {
      const dirs = ["--snapshots", join(dir, "s"), "--generated", join(dir, "g")];
      const first = runGenerate(["--pull", "--from", OLD, ...dirs]);
      assert.equal(first.status, 0, first.stderr);
      const second = runGenerate(["--pull", "--from", NEW, ...dirs]);
      assert.equal(second.status, 0, second.stderr);
      const report = second.stdout;
      for (const want of [
        "## dataportability:v1",
        "2 methods added",
        "4 schemas added",
        "5 fields added",
        "- added method `accessType.check`: POST v1/accessType:check",
        "- added method `archiveJobs.cancel`: POST v1/{+name}:cancel",
        "- added schema `CheckAccessTypeResponse`",
        "- added field `PortabilityArchiveState.exportTime`: string (google-datetime)",
        "- added field `InitiatePortabilityArchiveResponse.accessType`",
        "- added scope `https://www.googleapis.com/auth/dataportability.youtube.clips`",
        "- removed scope `https://www.googleapis.com/auth/dataportability.maps.post_trip_feedback`",
      ]) {
        assert.ok(report.includes(want), `missing ${want} in\n${report}`);
      }
      const check = runGenerate(["--pull", "--from", OLD, "--check", ...dirs]);
      assert.equal(check.status, 1, "the snapshot no longer matches the old revision");
      assert.match(check.stdout, /- removed method `accessType\.check`/);
      assert.match(check.stderr, /does not match/);
    } finally {
      cleanup();
    }
  });
});
