/**
 * `state`, `retry` and `cancel`: one call each on an existing archive job.
 * @module
 */
import type { Command } from "commander";
import { parseJobId } from "../../job-id.js";
import { callApi } from "../api-call.js";
import { type CommandContext, defineAction } from "../context.js";

const JOB_ARG = "job id as printed by `export` (also archiveJobs/<id>)";

export function registerJobs(program: Command): void {
  program
    .command("state")
    .description("show the state of an export job")
    .argument("<job>", JOB_ARG)
    .action(defineAction(showState));
  program
    .command("retry")
    .description("start a failed export job again as a new job")
    .argument("<job>", JOB_ARG)
    .action(defineAction(retry));
  program
    .command("cancel")
    .description("cancel an export job in progress")
    .argument("<job>", JOB_ARG)
    .action(defineAction(cancel));
}

const jobArgument = (context: CommandContext) => parseJobId(String(context.command.args[0]));

async function showState(context: CommandContext): Promise<undefined> {
  const jobId = jobArgument(context);
  const state = await callApi(context, (api, client, signal) =>
    api.getArchiveState(client, jobId, { signal }),
  );
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
  context.output.result({ jobId, ...state }, lines);
  return undefined;
}

async function retry(context: CommandContext): Promise<undefined> {
  const jobId = jobArgument(context);
  const { archiveJobId } = await callApi(context, (api, client, signal) =>
    api.retryArchive(client, jobId, { signal }),
  );
  context.output.result({ jobId, newJobId: archiveJobId }, [
    `job ${jobId} restarted as ${archiveJobId}`,
    `follow it with \`dataportability state ${archiveJobId}\``,
  ]);
  return undefined;
}

async function cancel(context: CommandContext): Promise<undefined> {
  const jobId = jobArgument(context);
  await callApi(context, (api, client, signal) => api.cancelArchive(client, jobId, { signal }));
  context.output.result({ jobId, cancelled: true }, `job ${jobId} cancelled`);
  return undefined;
}
