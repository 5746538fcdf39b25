/**
 * The first step of an export: find the job to follow. A job id from the caller or from
 * `export.json` is continued; otherwise the access type is checked and a job initiated, and
 * an identical job already running (ALREADY_EXISTS) is adopted instead of failing.
 * @module
 */

import type { Resource } from "../../generated/dataportability.v1.operations.js";
import { DataPortabilityError, isDataPortabilityError } from "../errors.js";
import { checkAccessType, initiateArchive } from "../methods/index.js";
import type { ExportRequest } from "./export-input.js";
import { asAbortIfAborted } from "./fail.js";
import { emit, type InitiateProgress, type ProgressListener } from "./progress.js";
import type { ArchiveClient } from "./wait.js";

export interface StartedJob {
  jobId: string;
  accessType?: string | undefined;
  how: "created" | "reused";
}

export async function startJob(
  client: ArchiveClient,
  request: ExportRequest,
  signal: AbortSignal | undefined,
  onProgress: ProgressListener<InitiateProgress> | undefined,
): Promise<StartedJob> {
  const options = signal ? { signal } : {};
  emit(onProgress, { phase: "initiate", event: "check" });
  try {
    const access = await checkAccessType(client, options);
    const granted = new Set([...access.oneTimeResources, ...access.timeBasedResources]);
    const missing = request.resources.filter((r) => !granted.has(r));
    if (missing.length > 0) {
      throw new DataPortabilityError({
        kind: "auth",
        message: `The token does not grant ${missing.join(", ")}: sign in again and consent to these resources (CLI: \`dataportability login ${request.resources.join(" ")}\`).`,
      });
    }
    const started = await initiateArchive(
      client,
      {
        resources: request.resources as Resource[],
        ...(request.startTime ? { startTime: request.startTime } : {}),
        ...(request.endTime ? { endTime: request.endTime } : {}),
      },
      options,
    );
    emit(onProgress, {
      phase: "initiate",
      event: "created",
      jobId: started.archiveJobId,
      accessType: started.accessType,
    });
    return { jobId: started.archiveJobId, accessType: started.accessType, how: "created" };
  } catch (error) {
    const existing =
      isDataPortabilityError(error) && error.status === "ALREADY_EXISTS"
        ? error.jobIds[0]
        : undefined;
    if (existing === undefined) {
      throw asAbortIfAborted(error, signal);
    }
    emit(onProgress, { phase: "initiate", event: "reused", jobId: existing });
    return { jobId: existing, how: "reused" };
  }
}
