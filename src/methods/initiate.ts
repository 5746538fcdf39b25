/**
 * `portabilityArchive:initiate`: starts an export job. Not idempotent (each call may start a
 * job), so it is never retried once the request may have reached the server.
 * @module
 */

import type { components } from "../../generated/dataportability.v1.js";
import type { Resource } from "../../generated/dataportability.v1.operations.js";
import { DataPortabilityError } from "../errors.js";
import { parseTimeRange } from "../util/time.js";
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
  /**
   * Export data from this time on (My Activity, Chrome history, Play): a Date, or RFC 3339 with
   * `Z` or an offset. Sent as UTC (`2025-01-31T00:00:00.000Z`).
   */
  startTime?: Date | string | undefined;
  /** Export data up to this time: a Date, or RFC 3339 with `Z` or an offset. Sent as UTC. */
  endTime?: Date | string | undefined;
}

export interface InitiateArchiveResult {
  archiveJobId: string;
  accessType?: components["schemas"]["InitiatePortabilityArchiveResponse"]["accessType"];
}

function usage(message: string): DataPortabilityError {
  return new DataPortabilityError({ kind: "usage", message });
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
  // The normalised UTC form is what is sent, so the API reads the instant that was validated.
  const { startTime: start, endTime: end } = parseTimeRange({
    start: input.startTime,
    end: input.endTime,
  });
  if (start) {
    body.startTime = start;
  }
  if (end) {
    body.endTime = end;
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
