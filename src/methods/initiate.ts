/**
 * `portabilityArchive:initiate`: starts an export job. Not idempotent (each call may start a
 * job), so it is never retried once the request may have reached the server.
 * @module
 */

import type { components } from "../../generated/dataportability.v1.js";
import type { Resource } from "../../generated/dataportability.v1.operations.js";
import { DataPortabilityError } from "../errors.js";
import {
  type AnyDataPortabilityClient,
  type CallOptions,
  requestInit,
  required,
  unwrap,
  versioned,
} from "./call.js";

/** What to export. */
export interface InitiateArchiveInput {
  /** Resource groups such as `"myactivity.youtube"`; the token needs each one's scope. */
  resources: readonly Resource[];
  /** Export data from this time on (My Activity, Chrome history, Play); a Date or RFC 3339. */
  startTime?: Date | string | undefined;
  /** Export data up to this time; a Date or RFC 3339. */
  endTime?: Date | string | undefined;
}

export interface InitiateArchiveResult {
  archiveJobId: string;
  accessType?: components["schemas"]["InitiatePortabilityArchiveResponse"]["accessType"];
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:[Zz]|[+-]\d{2}:\d{2})$/;

function usage(message: string): DataPortabilityError {
  return new DataPortabilityError({ kind: "usage", message });
}

/** A Date or RFC 3339 string as the RFC 3339 string the API takes, with its instant. */
function toTimestamp(name: string, value: Date | string): { text: string; ms: number } {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) {
      throw usage(`${name} is an invalid Date.`);
    }
    return { text: value.toISOString(), ms };
  }
  const ms = typeof value === "string" && RFC3339.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw usage(
      `${name} ${JSON.stringify(String(value))} is not an RFC 3339 timestamp: use e.g. "2025-01-31T00:00:00Z" or a Date.`,
    );
  }
  return { text: value, ms };
}

function buildBody(input: InitiateArchiveInput) {
  const resources = input?.resources;
  if (!Array.isArray(resources) || resources.length === 0) {
    throw usage('resources must list at least one resource group, e.g. ["myactivity.youtube"].');
  }
  const bad = resources.find(
    (r) => typeof r !== "string" || !/^[a-z0-9_]+(\.[a-z0-9_]+)+$/.test(r),
  );
  if (bad !== undefined) {
    throw usage(
      `${JSON.stringify(bad)} is not a resource group name such as "myactivity.youtube".`,
    );
  }
  const body: components["schemas"]["InitiatePortabilityArchiveRequest"] = {
    resources: [...new Set(resources)],
  };
  const start =
    input.startTime === undefined ? undefined : toTimestamp("startTime", input.startTime);
  const end = input.endTime === undefined ? undefined : toTimestamp("endTime", input.endTime);
  if (start && end && start.ms >= end.ms) {
    throw usage(`startTime (${start.text}) must be before endTime (${end.text}).`);
  }
  if (start) {
    body.startTime = start.text;
  }
  if (end) {
    body.endTime = end.text;
  }
  return body;
}

/**
 * Starts an export job and returns its id. On ALREADY_EXISTS the thrown error's `jobIds` name
 * the running job; on a 503 the error is retryable but warns that a job may have started.
 * @see https://developers.google.com/data-portability/reference/rest/v1/portabilityArchive/initiate
 */
export async function initiateArchive(
  client: AnyDataPortabilityClient,
  input: InitiateArchiveInput,
  options?: CallOptions,
): Promise<InitiateArchiveResult> {
  const body = buildBody(input);
  const { api, path } = versioned(client);
  const init = { body, ...requestInit(options) };
  const data = await unwrap("initiate", api.POST(path("/v1/portabilityArchive:initiate"), init));
  const archiveJobId = required("initiate", "archiveJobId", data?.archiveJobId);
  return data?.accessType ? { archiveJobId, accessType: data.accessType } : { archiveJobId };
}
