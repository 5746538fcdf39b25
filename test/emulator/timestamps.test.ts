/**
 * startTime / endTime are google.protobuf.Timestamps: Google's proto-JSON parser refuses
 * impossible dates, times without a zone and over-long fractions with 400 INVALID_ARGUMENT.
 */

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createEmulator } from "../../src/emulator/index.js";
import { parseTimestamp } from "../../src/emulator/timestamp.js";

const emulator = createEmulator({ pollsUntilComplete: 1 });

/** initiate with a fresh one-time grant, so each call is the first for its resource. */
async function initiate(times: Record<string, string>) {
  const token = emulator.issueToken({ resources: ["myactivity.youtube"], accessType: "one-time" });
  const response = await emulator.fetch("http://emulator.test/v1/portabilityArchive:initiate", {
    method: "POST",
    headers: { authorization: `Bearer ${token.accessToken}`, "content-type": "application/json" },
    body: JSON.stringify({ resources: ["myactivity.youtube"], ...times }),
  });
  const body = (await response.json()) as {
    archiveJobId?: string;
    error?: { code: number; status: string; message: string };
  };
  return { status: response.status, body, token: token.accessToken };
}

const REFUSED = [
  "2025-02-30T00:00:00Z", // no February 30th
  "2023-02-29T00:00:00Z", // not a leap year
  "1900-02-29T00:00:00Z", // centuries are leap years only every 400
  "2025-04-31T00:00:00Z",
  "2025-13-01T00:00:00Z",
  "0000-01-01T00:00:00Z", // before Timestamp's range
  "2025-01-01T00:00:00", // no zone
  "2025-01-01T00:00:00+0100", // offset without its colon
  "2025-01-01T00:00:00+24:00",
  "2025-01-01 00:00:00Z",
  "2025-01-01t00:00:00z",
  "2025-01-01T24:00:00Z",
  "2025-01-01T00:60:00Z",
  "2025-01-01T00:00:60Z", // Timestamp has no leap seconds
  "2025-01-01T00:00:00.Z",
  "2025-01-01T00:00:00.1234567890Z", // 10 fractional digits
  "2025-01-01",
];

describe("Timestamp fields", () => {
  for (const value of REFUSED) {
    test(`refuses ${value}`, async () => {
      for (const field of ["startTime", "end_time"]) {
        const { status, body } = await initiate({ [field]: value });
        assert.equal(status, 400);
        assert.equal(body.error?.code, 400);
        assert.equal(body.error?.status, "INVALID_ARGUMENT");
        assert.equal(
          body.error?.message,
          `Invalid value at '${field.replace("T", "_t")}' (type.googleapis.com/google.protobuf.Timestamp), ${JSON.stringify(value)}`,
        );
      }
    });
  }

  test("accepts Z, offsets, 0–9 fractional digits and February 29th of leap years", () => {
    assert.equal(parseTimestamp("2024-02-29T00:00:00Z"), Date.UTC(2024, 1, 29));
    assert.equal(parseTimestamp("2000-02-29T23:59:59Z"), Date.UTC(2000, 1, 29, 23, 59, 59));
    assert.equal(parseTimestamp("2025-01-01T00:00:00.5Z"), Date.UTC(2025, 0, 1, 0, 0, 0, 500));
    assert.equal(
      parseTimestamp("2025-01-01T00:00:00.123456789Z"),
      Date.UTC(2025, 0, 1, 0, 0, 0, 123),
    );
    assert.equal(parseTimestamp("2025-01-01T01:30:00+01:30"), Date.UTC(2025, 0, 1));
    assert.equal(parseTimestamp("2024-12-31T19:00:00-05:00"), Date.UTC(2025, 0, 1));
    // Timestamp's minimum, -62135596800 s in the protobuf docs (Date.UTC would read year 1 as 1901).
    assert.equal(parseTimestamp("0001-01-01T00:00:00Z"), -62_135_596_800_000);
    assert.equal(
      parseTimestamp("9999-12-31T23:59:59.999999999Z"),
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
    );
  });

  test("an offset time reaches the job state in UTC", async () => {
    const { status, body, token } = await initiate({
      startTime: "2024-02-29T01:00:00.25+01:00",
      endTime: "2024-03-01T00:00:00Z",
    });
    assert.equal(status, 200, JSON.stringify(body));
    const state = await emulator.fetch(
      `http://emulator.test/v1/archiveJobs/${body.archiveJobId}/portabilityArchiveState`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    const json = (await state.json()) as { startTime: string; exportTime: string };
    assert.equal(json.startTime, "2024-02-29T00:00:00.250Z");
    assert.equal(json.exportTime, "2024-03-01T00:00:00.000Z");
  });

  test("startTime after endTime is INVALID_ARGUMENT; equal times are accepted", async () => {
    const reversed = await initiate({
      startTime: "2024-06-01T00:00:00Z",
      endTime: "2024-06-01T01:00:00+02:00", // 2024-05-31T23:00Z: an hour before the start
    });
    assert.equal(reversed.status, 400);
    assert.equal(reversed.body.error?.status, "INVALID_ARGUMENT");
    assert.equal(reversed.body.error?.message, "start_time must not be after end_time.");
    const empty = await initiate({
      startTime: "2024-06-01T00:00:00Z",
      endTime: "2024-06-01T02:00:00+02:00",
    });
    assert.equal(empty.status, 200, JSON.stringify(empty.body));
  });
});
