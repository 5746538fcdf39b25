/**
 * What `dataportability export` does once its flags are parsed: check access → initiate (or
 * resume) → wait → download, with live progress. Ctrl-C keeps the `.part` files and prints
 * the command that resumes.
 * @module
 */

import { readdir, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { exportArchive, MANIFEST_NAME, readManifest } from "../archive/index.js";
import { DataPortabilityError, isDataPortabilityError } from "../errors.js";
import { parseJobId } from "../job-id.js";
import { resetAuthorization } from "../methods/index.js";
import type { ExportFlags } from "./commands/export.js";
import type { CommandContext } from "./context.js";
import { ExportTracker } from "./export-events.js";
import { formatBytes } from "./format.js";
import { createProgressRenderer, summaryLines } from "./progress.js";
import { parseResourceNames } from "./resource-names.js";
import { openSession } from "./session.js";
import { parseTimeFlags } from "./time-flags.js";

/** Polling for the embedded emulator, whose jobs finish in seconds. */
const EMULATOR_POLLING = { pollIntervalMs: 300, maxIntervalMs: 1000 } as const;

export async function runExport(context: CommandContext): Promise<undefined> {
  const { output, signal } = context;
  const flags = context.command.opts<ExportFlags>();
  const resources = parseResourceNames(context.command.args);
  const { startTime, endTime } = parseTimeFlags(flags.start, flags.end);
  const resumeId = flags.resume === undefined ? undefined : parseJobId(flags.resume);
  const dir = resolve(flags.out);
  if (context.flags.emulator && !resumeId) {
    await discardUnfinishedEmbeddedExport(dir);
  }
  const renderer = createProgressRenderer(output);
  if (context.flags.emulator) {
    renderer.step("starting the embedded emulator and signing in…");
  }
  const session = await openSession(context, resources).catch((error: unknown) => {
    renderer.stop();
    throw error;
  });
  const tracker = new ExportTracker(renderer, output);
  tracker.jobId = resumeId;
  try {
    const result = await exportArchive(session.client, {
      resources,
      dir,
      ...(startTime ? { startTime } : {}),
      ...(endTime ? { endTime } : {}),
      ...(resumeId ? { jobId: resumeId } : {}),
      signal,
      ...(context.flags.emulator ? EMULATOR_POLLING : {}),
      // Downloads keep the library's own transport (bounded memory) unless --verbose traces them.
      ...(context.flags.verbose ? { fetch: session.fetch } : {}),
      onProgress: tracker.onProgress,
    });
    renderer.stop();
    if (flags.resetAfter) {
      await resetAuthorization(session.client, { signal });
    }
    const files = [...result.files]
      .sort((x, y) => x.name.localeCompare(y.name))
      .map((file) => ({ name: file.name, bytes: file.size, ms: tracker.files.get(file.name)?.ms }));
    const totalBytes = files.reduce((sum, file) => sum + file.bytes, 0);
    const json = {
      jobId: result.jobId,
      dir,
      manifest: result.manifest,
      accessType: result.accessType,
      exportTime: result.exportTime,
      files: result.files.map(({ name, size, crc32c, md5 }) => ({ name, size, crc32c, md5 })),
      totalBytes,
      reset: flags.resetAfter === true,
    };
    // exportArchive returns at once, without events, when export.json says it is all done.
    const earlier = tracker.files.size === 0 && files.length > 0;
    output.result(json, [
      ...(earlier ? [`already complete in ${dir} (see export.json); nothing to download`] : []),
      "",
      ...summaryLines(files),
      "",
      `job ${result.jobId}: ${files.length} file(s), ${formatBytes(totalBytes)} in ${dir}`,
      ...(flags.resetAfter ? ["authorization reset"] : []),
    ]);
    return undefined;
  } catch (error) {
    renderer.stop();
    if (signal.aborted) {
      throw interrupted(context, resources, dir, tracker.jobId);
    }
    throw resumeId ? unknownResumeJob(error, resumeId) : error;
  } finally {
    await session.close();
  }
}

/**
 * An unfinished `--emulator` export cannot be resumed: its job lived in the emulator that
 * stopped with the last run. Its manifest and partial files are dropped so a new job starts.
 */
async function discardUnfinishedEmbeddedExport(dir: string): Promise<void> {
  const manifest = await readManifest(dir).catch(() => undefined);
  if (manifest === undefined || manifest.complete) {
    return;
  }
  const names = await readdir(dir);
  const ours = names.filter((name) => /\.part(\.json)?$/.test(name) || name === MANIFEST_NAME);
  await Promise.all(ours.map((name) => rm(join(dir, name), { force: true })));
}

/** The Ctrl-C error: its message is the command that picks the export up again. */
function interrupted(
  context: CommandContext,
  resources: readonly string[],
  dir: string,
  jobId: string | undefined,
): DataPortabilityError {
  if (!jobId) {
    return new DataPortabilityError({
      kind: "aborted",
      message: "interrupted before a job was started; nothing to resume, run the export again",
    });
  }
  if (context.flags.emulator) {
    return new DataPortabilityError({
      kind: "aborted",
      jobIds: [jobId],
      message: `interrupted; job ${jobId} ended with the embedded emulator, run the same command again to start over`,
    });
  }
  const parts = ["dataportability", "export", ...resources, "--resume", jobId, "--out", dir];
  if (context.flags.baseUrl) {
    parts.push("--base-url", context.flags.baseUrl);
  }
  const command = parts.map(shellQuote).join(" ");
  return new DataPortabilityError({
    kind: "aborted",
    jobIds: [jobId],
    message: `interrupted; partial files are kept, resume with: ${command}`,
  });
}

/**
 * `--resume` with a job the API does not know: running the same command again cannot help, so
 * the library's "run the export again to resume" advice is replaced by what can.
 */
function unknownResumeJob(error: unknown, jobId: string): unknown {
  if (!isDataPortabilityError(error) || error.httpStatus !== 404) {
    return error;
  }
  return new DataPortabilityError({
    kind: error.kind,
    httpStatus: error.httpStatus,
    status: error.status,
    reason: error.reason,
    message:
      `job ${jobId} was not found for this account: check the id (\`dataportability state <job>\`; ` +
      "jobs are visible only to the account and app that started them), or run the export " +
      "without --resume to start a new job",
    cause: error,
  });
}

function shellQuote(word: string): string {
  return /^[\w./:=@-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}
