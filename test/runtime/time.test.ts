import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isDataPortabilityError } from "../../src/errors.js";
import { initiateArchive } from "../../src/methods/index.js";
import { parseTimestamp } from "../../src/util/time.js";
import { sendJson, startServer, testClient } from "./helpers/server.js";

const VALID: [Date | string, string][] = [
  ["2025-01-31T12:00:00Z", "2025-01-31T12:00:00.000Z"],
  ["2025-01-31t12:00:00z", "2025-01-31T12:00:00.000Z"],
  ["2025-01-31T12:00:00+02:00", "2025-01-31T10:00:00.000Z"],
  ["2025-01-31T23:30:00-01:45", "2025-02-01T01:15:00.000Z"],
  ["2025-01-31T12:00:00.5Z", "2025-01-31T12:00:00.500Z"],
  ["2025-01-31T12:00:00.123456789Z", "2025-01-31T12:00:00.123Z"],
  ["2024-02-29T00:00:00Z", "2024-02-29T00:00:00.000Z"],
  ["  2025-12-31T23:59:59Z ", "2025-12-31T23:59:59.000Z"],
  ["0001-01-01T00:00:00Z", "0001-01-01T00:00:00.000Z"],
  [new Date("2025-03-01T00:00:00Z"), "2025-03-01T00:00:00.000Z"],
];

const INVALID: [unknown, RegExp][] = [
  ["2025-02-30T00:00:00Z", /no such date/],
  ["2025-02-29T00:00:00Z", /no such date/],
  ["2025-04-31T00:00:00Z", /no such date/],
  ["2025-13-01T00:00:00Z", /no such date/],
  ["2025-00-10T00:00:00Z", /no such date/],
  ["2025-01-01T24:00:00Z", /no such date/],
  ["2025-01-01T12:60:00Z", /no such date/],
  ["2025-01-01T12:00:60Z", /no such date/],
  ["2025-01-01T12:00:00+24:00", /invalid offset/],
  ["2025-01-01T12:00:00", /no time zone/],
  ["2025-01-01T12:00Z", /wrong form/],
  ["2025-01-01", /wrong form/],
  ["yesterday", /wrong form/],
  ["", /wrong form/],
  ["1735689600000", /wrong form/],
  [new Date("nope"), /invalid Date/],
  [42, /not a string or Date/],
];

describe("parseTimestamp", () => {
  for (const [input, expected] of VALID) {
    it(`${String(input instanceof Date ? `Date ${input.toISOString()}` : JSON.stringify(input))} → ${expected}`, () => {
      assert.equal(parseTimestamp(input, "startTime"), expected);
    });
  }
  for (const [input, why] of INVALID) {
    it(`refuses ${input instanceof Date ? "an invalid Date" : JSON.stringify(input)}`, () => {
      assert.throws(
        () => parseTimestamp(input as string, "endTime"),
        (error: unknown) =>
          isDataPortabilityError(error) &&
          error.kind === "usage" &&
          /^endTime /.test(error.message) &&
          /RFC 3339 with a zone/.test(error.message) &&
          why.test(error.message),
      );
    });
  }

  it("the date form is only accepted when asked for, and is checked too", () => {
    assert.equal(
      parseTimestamp("2025-02-28", "--start", { allowDate: true }),
      "2025-02-28T00:00:00.000Z",
    );
    assert.throws(
      () => parseTimestamp("2025-02-30", "--start", { allowDate: true }),
      /--start "2025-02-30" is not a valid timestamp \(no such date\).*YYYY-MM-DD/,
    );
  });
});

describe("initiateArchive sends the normalised instant", () => {
  it("an offset time goes out as UTC; an impossible date is refused before sending", async (t) => {
    const server = await startServer(t, (_req, res) => sendJson(res, 200, { archiveJobId: "j" }));
    const client = testClient(server);
    await initiateArchive(client, {
      resources: ["myactivity.youtube"],
      startTime: "2025-01-01T01:00:00+01:00",
    });
    assert.equal(
      JSON.parse(server.requests[0]?.body ?? "{}").startTime,
      "2025-01-01T00:00:00.000Z",
    );
    await assert.rejects(
      initiateArchive(client, {
        resources: ["myactivity.youtube"],
        startTime: "2025-02-30T00:00:00Z",
      }),
      (error: unknown) => isDataPortabilityError(error) && /startTime/.test(error.message),
    );
    assert.equal(server.requests.length, 1);
  });
});
