/**
 * The six Data Portability methods, on already authenticated and validated calls.
 * Jobs of another grant are reported as NOT_FOUND, like jobs that never existed.
 * @module
 */

import { checkInitiate } from "./access.js";
import { toTimestamp } from "./clock.js";
import { API_DOMAIN, googleError, invalidArgument, jsonResponse } from "./google-error.js";
import type { Job, JobStore } from "./jobs.js";
import { parseTimestamp } from "./timestamp.js";
import type { Grant, TokenStore } from "./tokens.js";

export interface ApiCall {
  grant: Grant;
  /** Validated body with camelCase field names. */
  body: Record<string, unknown>;
  /** Bare job id from the path, for the archiveJobs methods. */
  jobId: string | undefined;
  /** Origin to build signed URLs on. */
  origin: string;
}

export interface ApiContext {
  tokens: TokenStore;
  jobs: JobStore;
  now(): number;
  isResource(name: string): boolean;
  /** Retries allowed along one chain of jobs. */
  maxRetries: number;
  /** Fresh signed URLs of a COMPLETE job. */
  signedUrls(job: Job, origin: string): string[];
  /** Drops the archives of a job (authorization:reset). */
  forgetArchives(job: Job): void;
}

export type ApiHandler = (call: ApiCall, ctx: ApiContext) => Response;

function notFound(jobId: string | undefined): Response {
  return googleError({
    status: "NOT_FOUND",
    message: `Archive job archiveJobs/${jobId ?? ""} was not found for this authorization.`,
    reason: "ARCHIVE_JOB_NOT_FOUND",
    domain: API_DOMAIN,
  });
}

function ownJob(call: ApiCall, ctx: ApiContext): Job | undefined {
  const job = call.jobId === undefined ? undefined : ctx.jobs.get(call.jobId);
  return job?.grantId === call.grant.id ? job : undefined;
}

function accessTypeName(grant: Grant): string {
  return grant.accessType === "one-time" ? "ACCESS_TYPE_ONE_TIME" : "ACCESS_TYPE_TIME_BASED";
}

function failedPrecondition(message: string, reason: string): Response {
  return googleError({ status: "FAILED_PRECONDITION", message, reason, domain: API_DOMAIN });
}

function timeOf(value: unknown): number | undefined {
  return typeof value === "string" ? parseTimestamp(value) : undefined;
}

const initiate: ApiHandler = (call, ctx) => {
  const resources = (call.body.resources as string[] | undefined) ?? [];
  if (resources.length === 0) {
    return invalidArgument("resources must name at least one resource group.", "resources");
  }
  const unknown = resources.find((r) => !ctx.isResource(r));
  if (unknown !== undefined) {
    return invalidArgument(`Unknown resource group "${unknown}".`, "resources");
  }
  // Both were checked by validate.ts, so they parse.
  const start = timeOf(call.body.startTime);
  const end = timeOf(call.body.endTime);
  // ASSUMPTION (dataportability-api.md §6 item 5 lists this as unknown): a window that ends
  // before it starts is refused with 400 INVALID_ARGUMENT, Google's code for a request that
  // is malformed whatever the server's state, rather than served as an empty archive.
  // Equal times are an empty window, not a reversed one, and are accepted.
  if (start !== undefined && end !== undefined && start > end) {
    return invalidArgument("start_time must not be after end_time.", "start_time");
  }
  const refusal = checkInitiate(call.grant, resources, ctx.jobs, ctx.now());
  if (refusal !== undefined) {
    return refusal;
  }
  const job = ctx.jobs.create({
    grantId: call.grant.id,
    resources,
    accessType: call.grant.accessType,
    startTime: start === undefined ? undefined : toTimestamp(start),
    endTime: end === undefined ? undefined : toTimestamp(end),
  });
  return jsonResponse({ archiveJobId: job.id, accessType: accessTypeName(call.grant) });
};

const getState: ApiHandler = (call, ctx) => {
  const job = ownJob(call, ctx);
  if (job === undefined) {
    return notFound(call.jobId);
  }
  ctx.jobs.poll(job);
  const state: Record<string, unknown> = {
    name: `archiveJobs/${job.id}/portabilityArchiveState`,
    state: job.state,
  };
  if (job.state === "COMPLETE" && !job.archivesForgotten) {
    state.urls = ctx.signedUrls(job, call.origin);
  }
  if (job.startTime !== undefined) {
    state.startTime = job.startTime;
  }
  state.exportTime = job.endTime ?? toTimestamp(job.createdAt);
  return jsonResponse(state);
};

const retry: ApiHandler = (call, ctx) => {
  const job = ownJob(call, ctx);
  if (job === undefined) {
    return notFound(call.jobId);
  }
  if (job.state !== "FAILED") {
    return failedPrecondition(
      `Only a FAILED archive job can be retried; archiveJobs/${job.id} is ${job.state}.`,
      "ARCHIVE_JOB_NOT_FAILED",
    );
  }
  if (job.retryDepth >= ctx.maxRetries) {
    return failedPrecondition(
      `archiveJobs/${job.id} has been retried ${job.retryDepth} times, the most allowed; initiate a new export.`,
      "RETRY_LIMIT_REACHED",
    );
  }
  const next = ctx.jobs.create({
    grantId: job.grantId,
    resources: job.resources,
    accessType: job.accessType,
    startTime: job.startTime,
    endTime: job.endTime,
    retryOf: job,
  });
  return jsonResponse({ archiveJobId: next.id });
};

const cancel: ApiHandler = (call, ctx) => {
  const job = ownJob(call, ctx);
  if (job === undefined) {
    return notFound(call.jobId);
  }
  // Cancelling twice is harmless, so a retried cancel succeeds.
  if (job.state !== "CANCELLED" && !ctx.jobs.cancel(job)) {
    return failedPrecondition(
      `Only an IN_PROGRESS archive job can be cancelled; archiveJobs/${job.id} is ${job.state}.`,
      "ARCHIVE_JOB_NOT_IN_PROGRESS",
    );
  }
  return jsonResponse({});
};

const reset: ApiHandler = (call, ctx) => {
  for (const job of ctx.jobs.forGrant(call.grant.id)) {
    ctx.forgetArchives(job);
  }
  ctx.tokens.revokeGrant(call.grant);
  return jsonResponse({});
};

const check: ApiHandler = (call) => {
  // proto3 JSON leaves empty repeated fields out.
  const key = call.grant.accessType === "one-time" ? "oneTimeResources" : "timeBasedResources";
  return jsonResponse({ [key]: [...call.grant.resources] });
};

/** Handlers by the last part of the operation id. */
export const API_HANDLERS: Readonly<Record<string, ApiHandler>> = {
  initiate,
  getPortabilityArchiveState: getState,
  retry,
  cancel,
  reset,
  check,
};
