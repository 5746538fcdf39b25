/**
 * `state`, `retry` and `cancel`: one call each on an existing archive job.
 * @module
 */
import type { Command } from "commander";
import { parseJobId } from "../../job-id.js";
import { type CommandContext, defineAction } from "../context.js";
import type { Session } from "../session.js";

// The runtime is loaded when a command runs, so that `--help` and usage errors stay fast.
const methods = () => import("../../methods/index.js");

const JOB_ARG = "job id as printed by `export` (also archiveJobs/<id>)";

export function registerJobs(program: Command): void {
  program
    .command("state")
    .description("show the state of an export job")
    .argument("<job>", JOB_ARG)
    .action(defineAction((context) => withJob(context, showState)));
  program
    .command("retry")
    .description("start a failed export job again as a new job")
    .argument("<job>", JOB_ARG)
    .action(defineAction((context) => withJob(context, retry)));
  program
    .command("cancel")
    .description("cancel an export job in progress")
    .argument("<job>", JOB_ARG)
    .action(defineAction((context) => withJob(context, cancel)));
}

type JobAction = (context: CommandContext, session: Session, jobId: string) => Promise<void>;

async function withJob(context: CommandContext, run: JobAction): Promise<undefined> {
  const jobId = parseJobId(String(context.command.args[0]));
  const { openSession } = await import("../session.js");
  const session = await openSession(context);
  try {
    await run(context, session, jobId);
  } finally {
    await session.close();
  }
  return undefined;
}

const showState: JobAction = async ({ output, signal }, { client }, jobId) => {
  const { getArchiveState } = await methods();
  const state = await getArchiveState(client, jobId, { signal });
  const lines = [`job ${jobId}: ${state.state ?? "STATE_UNSPECIFIED"}`];
  if (state.startTime) {
    lines.push(`  data from:   ${state.startTime}`);
  }
  if (state.exportTime) {
    lines.push(`  data until:  ${state.exportTime}`);
  }
  const urls = state.urls ?? [];
  if (urls.length > 0) {
    lines.push(
      `  ${urls.length} archive file(s) ready; download with \`dataportability export <resource...> --resume ${jobId} --out <dir>\``,
    );
  }
  output.result({ jobId, ...state }, lines);
};

const retry: JobAction = async ({ output, signal }, { client }, jobId) => {
  const { retryArchive } = await methods();
  const { archiveJobId } = await retryArchive(client, jobId, { signal });
  output.result({ jobId, newJobId: archiveJobId }, [
    `job ${jobId} restarted as ${archiveJobId}`,
    `follow it with \`dataportability state ${archiveJobId}\``,
  ]);
};

const cancel: JobAction = async ({ output, signal }, { client }, jobId) => {
  const { cancelArchive } = await methods();
  await cancelArchive(client, jobId, { signal });
  output.result({ jobId, cancelled: true }, `job ${jobId} cancelled`);
};
