/**
 * `reset` and `access-type`: calls about the grant itself rather than a job.
 * @module
 */
import { rm } from "node:fs/promises";
import type { Command } from "commander";
import { defineAction } from "../context.js";
import { credentialsPath } from "../credentials.js";
import { formatTable } from "../format.js";

// The runtime is loaded when a command runs, so that `--help` and usage errors stay fast.
async function load() {
  const [{ openSession }, { checkAccessType, resetAuthorization }] = await Promise.all([
    import("../session.js"),
    import("../../methods/index.js"),
  ]);
  return { openSession, checkAccessType, resetAuthorization };
}

export function registerAccount(program: Command): void {
  program
    .command("reset")
    .description("revoke the grant, so used resources can be exported again (after downloading)")
    .action(
      defineAction(async (context) => {
        const { openSession, resetAuthorization } = await load();
        const session = await openSession(context);
        try {
          await resetAuthorization(session.client, { signal: context.signal });
        } finally {
          await session.close();
        }
        const lines = [
          "authorization reset: the grant is revoked and earlier archives may be deleted",
        ];
        const savedLogin = !context.flags.emulator && !context.env.DATAPORTABILITY_ACCESS_TOKEN;
        if (savedLogin) {
          // The saved refresh token was just revoked; keeping it would only produce auth errors.
          await rm(credentialsPath(context.env), { force: true });
          lines.push("saved login removed; run `dataportability login` to grant access again");
        }
        context.output.result({ reset: true, removedSavedLogin: savedLogin }, lines);
        return undefined;
      }),
    );
  program
    .command("access-type")
    .description("show which granted resources are one-time or time-based")
    .action(
      defineAction(async (context) => {
        const { openSession, checkAccessType } = await load();
        const session = await openSession(context);
        try {
          const access = await checkAccessType(session.client, { signal: context.signal });
          const rows = [
            ...access.oneTimeResources.map((name) => [name, "one-time"]),
            ...access.timeBasedResources.map((name) => [name, "time-based"]),
          ];
          context.output.result(
            access,
            rows.length > 0 ? formatTable(["resource", "access"], rows) : "no resources granted",
          );
        } finally {
          await session.close();
        }
        return undefined;
      }),
    );
}
