/**
 * Calls on one archive job: state, retry, cancel. Job ids are checked by `parseJobId` before
 * any request, so a malformed id can never change the request path.
 * @module
 */

import type { components } from "../../generated/dataportability.v1.js";
import { parseJobId } from "../job-id.js";
import {
  type AnyDataPortabilityClient,
  type CallOptions,
  requestInit,
  required,
  unwrap,
  versioned,
} from "./call.js";

/** `{ name?, state?, urls?, startTime?, exportTime? }`; `urls` are signed and short-lived. */
export type PortabilityArchiveState = components["schemas"]["PortabilityArchiveState"];

/** The v1-typed client, path mapper and request options for a call on one job. */
function forJob(client: AnyDataPortabilityClient, jobId: string, options: CallOptions | undefined) {
  const init = { params: { path: { archiveJobsId: parseJobId(jobId) } }, ...requestInit(options) };
  return { ...versioned(client), init };
}

/**
 * Reads a job's state (`IN_PROGRESS`, `COMPLETE` with `urls`, `FAILED`, `CANCELLED`).
 * @param jobId `abc`, `archiveJobs/abc` or `archiveJobs/abc/portabilityArchiveState`.
 */
export async function getArchiveState(
  client: AnyDataPortabilityClient,
  jobId: string,
  options?: CallOptions,
): Promise<PortabilityArchiveState> {
  const { api, path, init } = forJob(client, jobId, options);
  const key = path("/v1/archiveJobs/{archiveJobsId}/portabilityArchiveState");
  return (await unwrap("getArchiveState", api.GET(key, init))) ?? {};
}

/**
 * Restarts a FAILED job. Polls go to the returned NEW job id.
 * Not retried after the request may have reached the server (each retry counts).
 */
export async function retryArchive(
  client: AnyDataPortabilityClient,
  jobId: string,
  options?: CallOptions,
): Promise<{ archiveJobId: string }> {
  const { api, path, init } = forJob(client, jobId, options);
  const data = await unwrap(
    "retryArchive",
    api.POST(path("/v1/archiveJobs/{archiveJobsId}:retry"), init),
  );
  return { archiveJobId: required("retryArchive", "archiveJobId", data?.archiveJobId) };
}

/** Cancels an IN_PROGRESS job. */
export async function cancelArchive(
  client: AnyDataPortabilityClient,
  jobId: string,
  options?: CallOptions,
): Promise<void> {
  const { api, path, init } = forJob(client, jobId, options);
  await unwrap("cancelArchive", api.POST(path("/v1/archiveJobs/{archiveJobsId}:cancel"), init));
}
