/**
 * `exportArchive`: the whole one-call export, resumable from any interruption.
 * @module
 */

import { join } from "node:path";
import type { Resource } from "../../generated/dataportability.v1.operations.js";
import { DataPortabilityError, isDataPortabilityError } from "../errors.js";
import { parseJobId } from "../job-id.js";
import { getArchiveState } from "../methods/index.js";
import { ensureWritableDir } from "./dir.js";
import { downloadArchive } from "./download.js";
import type { ArchiveFile } from "./download-file.js";
import { type DownloadOptions, normalizeDownloadOptions } from "./download-options.js";
import { sameRequest, validateExportRequest } from "./export-input.js";
import { usageError } from "./fail.js";
import {
  type ExportManifest,
  ManifestWriter,
  manifestFile,
  manifestPath,
  newManifest,
  readManifest,
  writeManifest,
} from "./manifest.js";
import { type ExportProgress, emit, type ProgressListener } from "./progress.js";
import { fileOnDisk } from "./skip.js";
import { startJob } from "./start-job.js";
import { type ArchiveClient, normalizeWaitOptions, pollState, type WaitOptions } from "./wait.js";

export interface ExportOptions
  extends Omit<WaitOptions, "onProgress">,
    Pick<DownloadOptions, "concurrency" | "retry" | "fetch" | "openPartFile"> {
  /**
   * Resource groups, e.g. `["myactivity.youtube"]`; the token must grant each. Typed so a
   * misspelt name does not compile; still checked at run time for JavaScript callers.
   */
  resources: readonly Resource[];
  /** Only data from this time on (Date or RFC 3339). */
  startTime?: Date | string | undefined;
  /** Only data up to this time (Date or RFC 3339). */
  endTime?: Date | string | undefined;
  /** Directory for the archive files and `export.json`; created if missing. */
  dir: string;
  /** Continue this job instead of starting one (as reported by an earlier run). */
  jobId?: string | undefined;
  /** Progress of every phase. */
  onProgress?: ProgressListener<ExportProgress> | undefined;
}

export interface ExportResult {
  jobId: string;
  /** Files in `dir`, verified. */
  files: ArchiveFile[];
  /** Path of `export.json`. */
  manifest: string;
  accessType?: string | undefined;
  /** When the API exported the data (the request's endTime or the time of the request). */
  exportTime?: string | undefined;
}

/**
 * Checks the access type, initiates a job (or adopts the one already running, or continues
 * `jobId`), waits for it and downloads its files into `dir`. `<dir>/export.json` is written
 * right after initiate and after each file, so calling again with the same options after an
 * interruption (even a killed process) continues the same job and skips finished files.
 * A `dir` whose `export.json` is already complete is returned as is, without a request: use a
 * new directory for a new export.
 * For one-time access, call `resetAuthorization(client)` afterwards, once you are done with
 * the archive: it revokes the token and lets the user export again.
 * @throws DataPortabilityError: "usage" before any request (unknown resource, start after
 * end, a time in the future, a `dir` that is a file or not writable); then the errors of
 * `waitForArchive` and `downloadArchive`, each naming the job id to resume with.
 */
export async function exportArchive(
  client: ArchiveClient,
  options: ExportOptions,
): Promise<ExportResult> {
  const request = validateExportRequest(options);
  const callerJobId = options.jobId === undefined ? undefined : parseJobId(options.jobId);
  // Numeric options fail here, before any request, rather than after the job started.
  normalizeWaitOptions(options);
  normalizeDownloadOptions({
    dir: options.dir,
    concurrency: options.concurrency,
    retry: options.retry,
  });
  const { dir, signal, onProgress } = options;
  await ensureWritableDir(dir);
  const previous = await readManifest(dir);
  if (previous !== undefined && !sameRequest(request, previous)) {
    throw usageError(
      `${manifestPath(dir)} belongs to an export of ${previous.resources.join(", ")} (job ${previous.jobId}): use another directory for this one.`,
    );
  }
  if (previous !== undefined && callerJobId !== undefined && callerJobId !== previous.jobId) {
    // Replacing the manifest would orphan the other job's files (and a typo would leave a
    // manifest no later run can resume).
    throw usageError(
      `${manifestPath(dir)} belongs to job ${previous.jobId}, not ${callerJobId}: choose another directory for job ${callerJobId}, or omit jobId to continue job ${previous.jobId}.`,
    );
  }
  const kept = previous;
  if (kept?.complete && (await allOnDisk(dir, kept))) {
    return finished(kept, dir, onProgress);
  }
  let writer: ManifestWriter;
  let jobId: string;
  let recorded = true;
  if (kept !== undefined) {
    jobId = kept.jobId;
    emit(onProgress, { phase: "initiate", event: "resumed", jobId, accessType: kept.accessType });
    writer = new ManifestWriter(dir, kept);
  } else if (callerJobId !== undefined) {
    jobId = callerJobId;
    emit(onProgress, { phase: "initiate", event: "resumed", jobId });
    writer = new ManifestWriter(dir, newManifest(jobId, request, undefined));
    // A caller's job id is recorded only once the API has confirmed the job exists.
    recorded = false;
  } else {
    const started = await startJob(client, request, signal, onProgress);
    jobId = started.jobId;
    writer = new ManifestWriter(dir, newManifest(jobId, request, started.accessType));
    await writeManifest(dir, writer.current);
  }
  try {
    const state = await pollState(client, jobId, { ...options, onProgress }, async () => {
      if (!recorded) {
        await writeManifest(dir, writer.current);
        recorded = true;
      }
    });
    await writer.update(() => ({ state: state.state ?? "COMPLETE", exportTime: state.exportTime }));
    if ((state.urls ?? []).length === 0) {
      throw new DataPortabilityError({
        kind: "api",
        jobIds: [jobId],
        message: `Job ${jobId} is COMPLETE but its state lists no archive URLs. Run the same export again later; if it persists, the archive may have expired.`,
      });
    }
    const files = await downloadArchive(state, {
      dir,
      signal,
      jobId,
      concurrency: options.concurrency,
      retry: options.retry,
      fetch: options.fetch,
      openPartFile: options.openPartFile,
      completed: writer.current.files.map((f) => ({ ...f, path: "" })),
      onProgress,
      refresh: (s) => getArchiveState(client, jobId, { signal: s }),
      onFile: (f) =>
        writer.update((m) => ({
          files: [...m.files.filter((x) => x.name !== f.name), manifestFile(f)],
        })),
    });
    await writer.update(() => ({ files: files.map(manifestFile), complete: true }));
    return finished(writer.current, dir, onProgress);
  } catch (error) {
    throw withJobId(error, jobId);
  }
}

async function allOnDisk(dir: string, m: ExportManifest): Promise<boolean> {
  for (const f of m.files) {
    if ((await fileOnDisk(join(dir, f.name), { ...f, path: "" })) === undefined) {
      return false;
    }
  }
  return true;
}

async function finished(
  m: ExportManifest,
  dir: string,
  onProgress: ProgressListener<ExportProgress> | undefined,
): Promise<ExportResult> {
  const files = m.files.map((f) => ({ ...f, path: join(dir, f.name) }));
  const totalBytes = files.reduce((sum, f) => sum + f.size, 0);
  emit(onProgress, {
    phase: "done",
    jobId: m.jobId,
    state: m.state,
    files: files.length,
    totalBytes,
  });
  return {
    jobId: m.jobId,
    files,
    manifest: manifestPath(dir),
    accessType: m.accessType,
    exportTime: m.exportTime,
  };
}

/**
 * Errors after the job exists name it, so the caller can resume with it; a job the API does
 * not know cannot be resumed, so that error only names it.
 */
function withJobId(error: unknown, jobId: string): unknown {
  if (!isDataPortabilityError(error) || error.jobIds.length > 0) {
    return error;
  }
  const notFound = error.status === "NOT_FOUND" || error.httpStatus === 404;
  return new DataPortabilityError({
    kind: error.kind,
    message: notFound
      ? `${error.message} (job ${jobId}: check the job id, or omit it to start a new export.)`
      : `${error.message} (job ${jobId}: run the same export again to resume it.)`,
    httpStatus: error.httpStatus,
    status: error.status,
    reason: error.reason,
    jobIds: [jobId],
    retryable: error.retryable,
    retryAfter: error.retryAfter,
    metadata: error.metadata,
    cause: error,
  });
}
