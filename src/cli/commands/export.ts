/**
 * `dataportability export <resource...>`: check access → initiate (or resume) → wait → download,
 * with live progress. Ctrl-C keeps the `.part` files and prints the command that resumes.
 * @module
 */
import type { Command } from "commander";
import { defineAction } from "../context.js";

export interface ExportFlags {
  out: string;
  start?: string;
  end?: string;
  resume?: string;
  resetAfter?: boolean;
}

export function registerExport(program: Command): void {
  program
    .command("export")
    .description("export resources: start a job, wait for it, download it")
    .argument("<resource...>", "resource names (see `dataportability resources`)")
    .option(
      "-o, --out <dir>",
      "directory for the archive files and export.json",
      "dataportability-export",
    )
    .option(
      "--start <time>",
      "only data from this time on: RFC 3339 with a zone (2025-01-31T12:00:00Z) or YYYY-MM-DD (midnight UTC)",
    )
    .option(
      "--end <time>",
      "only data up to this time: RFC 3339 with a zone or YYYY-MM-DD (midnight UTC)",
    )
    .option("--resume <job>", "continue this job instead of starting a new one")
    .option("--reset-after", "reset the authorization once every file is downloaded")
    .addHelpText(
      "after",
      "\nRunning the same export into the same --out again continues it (export.json remembers the job).\n\nExamples:\n  dataportability export myactivity.youtube --out ./takeout\n  dataportability export myactivity.search --start 2025-01-01 --end 2025-06-30\n  dataportability export myactivity.youtube --out ./takeout --resume <job>",
    )
    .action(
      defineAction(async (context) => {
        // Loaded on use: the archive workflow and progress bars are not needed for `--help`.
        const { runExport } = await import("../export-run.js");
        return runExport(context);
      }),
    );
}
