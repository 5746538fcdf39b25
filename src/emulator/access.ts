/**
 * The rules an initiate request must pass, in the order Google's quickstarts meet them:
 * resources granted by the token (403), no identical job still running (409 ALREADY_EXISTS),
 * then the access-type limits: one export per consent for one-time access, one per 24 hours for
 * time-based access (429 RESOURCE_EXHAUSTED with the previous job ids).
 * Exhaustion is kept per grant (per consent): a new consent starts afresh, and
 * `authorization:reset` revokes the grant together with its exhaustion.
 * Cancelled jobs do not use up a scope, so a cancelled export can be started again.
 * @module
 */

import { API_DOMAIN, googleError } from "./google-error.js";
import type { Job, JobStore } from "./jobs.js";
import type { Grant } from "./tokens.js";

/** Time-based access allows one export per resource in this window. */
export const TIME_BASED_WINDOW_MS = 24 * 60 * 60 * 1000;

export const NOT_AUTHORIZED_MESSAGE =
  "The requested resources are not authorized by the OAuth token.";

function sameResources(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((r) => set.has(r));
}

function permissionDenied(missing: readonly string[]): Response {
  return googleError({
    status: "PERMISSION_DENIED",
    message: NOT_AUTHORIZED_MESSAGE,
    reason: "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
    metadata: { service: API_DOMAIN, missing_resources: missing.join(",") },
    extraDetails: [
      {
        "@type": "type.googleapis.com/google.rpc.DebugInfo",
        detail: `[ORIGINAL ERROR] generic::permission_denied: com.google.dataliberation.portability.PortabilityApiException: ${NOT_AUTHORIZED_MESSAGE} Code: PERMISSION_DENIED (emulator)`,
      },
    ],
  });
}

/** Returns the Response that refuses the initiate, or undefined when it may go ahead. */
export function checkInitiate(
  grant: Grant,
  resources: readonly string[],
  jobs: JobStore,
  now: number,
): Response | undefined {
  const missing = resources.filter((r) => !grant.resources.includes(r));
  if (missing.length > 0) {
    return permissionDenied(missing);
  }
  const suffix = grant.accessType === "one-time" ? "ONE_TIME" : "TIME_BASED";
  const own = jobs.forGrant(grant.id);
  const running = own.find(
    (j) => j.state === "IN_PROGRESS" && sameResources(j.resources, resources),
  );
  if (running !== undefined) {
    return googleError({
      status: "ALREADY_EXISTS",
      message: `An archive job for the requested resources is already in progress: ${running.id}.`,
      reason: `ALREADY_EXISTS_${suffix}`,
      domain: API_DOMAIN,
      metadata: { job_id: running.id },
    });
  }
  const overlapping = own.filter(
    (j: Job) => j.state !== "CANCELLED" && j.resources.some((r) => resources.includes(r)),
  );
  if (grant.accessType === "one-time") {
    if (overlapping.length === 0) {
      return undefined;
    }
    return googleError({
      status: "RESOURCE_EXHAUSTED",
      message:
        "The requested resources have already been exported with this one-time authorization. Ask the user for consent again (after authorization:reset).",
      reason: "RESOURCE_EXHAUSTED_ONE_TIME",
      domain: API_DOMAIN,
      metadata: { previous_job_ids: overlapping.map((j) => j.id).join(",") },
    });
  }
  const recent = overlapping.filter((j) => now - j.createdAt < TIME_BASED_WINDOW_MS);
  const last = recent.at(-1);
  if (last === undefined) {
    return undefined;
  }
  const after = new Date(last.createdAt + TIME_BASED_WINDOW_MS).toISOString();
  return googleError({
    status: "RESOURCE_EXHAUSTED",
    message: `The requested resources were exported less than 24 hours ago. You can initiate another export after ${after}.`,
    reason: "RESOURCE_EXHAUSTED_TIME_BASED",
    domain: API_DOMAIN,
    metadata: { previous_job_ids: recent.map((j) => j.id).join(","), timestamp_after_24hrs: after },
  });
}
