/**
 * System parameters that shape responses: `alt=proto` is refused (the emulator speaks JSON
 * only) and `fields` selects top-level fields, refusing the syntax it does not implement.
 */

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createEmulator } from "../../src/emulator/index.js";

const emulator = createEmulator({ pollsUntilComplete: 1 });

interface Body {
  archiveJobId?: string;
  urls?: string[];
  error?: { code: number; status: string; message: string };
}

async function call(path: string, token: string, body?: unknown) {
  const init: RequestInit = { headers: { authorization: `Bearer ${token}` } };
  if (body !== undefined) {
    init.method = "POST";
    init.headers = { ...init.headers, "content-type": "application/json" };
    init.body = JSON.stringify(body);
  }
  const response = await emulator.fetch(`http://emulator.test${path}`, init);
  const text = await response.text();
  return { status: response.status, text, json: JSON.parse(text) as Body };
}

const grant = () =>
  emulator.issueToken({ resources: ["myactivity.youtube"], accessType: "one-time" }).accessToken;
const initiateBody = {
  resources: ["myactivity.youtube"],
  startTime: "2024-01-01T00:00:00Z",
};

describe("alt", () => {
  test("alt=proto is 400 INVALID_ARGUMENT and runs nothing; alt=json is served", async () => {
    const token = grant();
    const proto = await call("/v1/portabilityArchive:initiate?alt=proto", token, initiateBody);
    assert.equal(proto.status, 400);
    assert.equal(proto.json.error?.status, "INVALID_ARGUMENT");
    assert.equal(proto.json.error?.code, 400);
    assert.equal(
      proto.json.error?.message,
      "alt=proto is not supported by this emulator; use alt=json.",
    );
    // The refused call started no export: the one-time grant can still initiate.
    const json = await call("/v1/portabilityArchive:initiate?alt=json", token, initiateBody);
    assert.equal(json.status, 200, json.text);
    assert.equal(typeof json.json.archiveJobId, "string");
  });
});

describe("fields", () => {
  test("selects top-level fields, in lowerCamel or snake_case, on every method", async () => {
    const token = grant();
    const job = await call(
      "/v1/portabilityArchive:initiate?fields=archiveJobId",
      token,
      initiateBody,
    );
    assert.deepEqual(Object.keys(job.json), ["archiveJobId"]);
    const statePath = `/v1/archiveJobs/${job.json.archiveJobId}/portabilityArchiveState`;
    const state = await call(`${statePath}?fields=state,start_time`, token);
    assert.deepEqual(state.json, { state: "COMPLETE", startTime: "2024-01-01T00:00:00.000Z" });
    const urls = await call(`${statePath}?fields=urls`, token);
    assert.deepEqual(Object.keys(urls.json), ["urls"]);
    assert.ok((urls.json.urls ?? []).length > 0);
    const compact = await call(`${statePath}?fields=state&prettyPrint=false`, token);
    assert.equal(compact.text, '{"state":"COMPLETE"}');
    const pretty = await call(`${statePath}?fields=state`, token);
    assert.equal(pretty.text, '{\n  "state": "COMPLETE"\n}\n');
    const all = await call(`${statePath}?fields=`, token);
    assert.ok("name" in all.json && "exportTime" in all.json, "an empty mask selects everything");
  });

  test("errors are not masked", async () => {
    const missing = await call(
      "/v1/archiveJobs/nope/portabilityArchiveState?fields=state",
      grant(),
    );
    assert.equal(missing.status, 404);
    assert.equal(missing.json.error?.status, "NOT_FOUND");
  });

  test("unknown names and unsupported syntax are 400 INVALID_ARGUMENT before the method runs", async () => {
    const token = grant();
    const unsupported = (name: string) =>
      `Invalid field selection "${name}": this emulator supports only comma-separated top-level field names in fields (no paths, sub-selections or wildcards).`;
    const cases: [string, string][] = [
      ["nope", "Invalid field selection nope"],
      ["archiveJobId,nope", "Invalid field selection nope"],
      ["urls/x", unsupported("urls/x")],
      ["*", unsupported("*")],
      ["state(name)", unsupported("state(name)")],
      ["archiveJobId,", unsupported("")],
    ];
    for (const [fields, message] of cases) {
      const path = `/v1/portabilityArchive:initiate?fields=${encodeURIComponent(fields)}`;
      const refused = await call(path, token, initiateBody);
      assert.equal(refused.status, 400, fields);
      assert.equal(refused.json.error?.status, "INVALID_ARGUMENT");
      assert.equal(refused.json.error?.message, message);
    }
    const accepted = await call("/v1/portabilityArchive:initiate", token, initiateBody);
    assert.equal(accepted.status, 200, "no refused call started an export");
  });
});
