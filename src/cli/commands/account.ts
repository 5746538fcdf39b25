/**
 * `reset` and `access-type`: calls about the grant itself rather than a job.
 * @module
 */
import { rm } from "node:fs/promises";
import type { Command } from "commander";
import { callApi } from "../api-call.js";
import { defineAction } from "../context.js";
import { credentialsPath } from "../credentials.js";
import { formatTable } from "../format.js";

export function registerAccount(program: Command): void {
  program
    .command("reset")
    .description("revoke the grant, so used resources can be exported again (after downloading)")
    .action(
      defineAction(async (context) => {
        await callApi(context, (api, client, signal) => api.resetAuthorization(client, { signal }));
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
        const access = await callApi(context, (api, client, signal) =>
          api.checkAccessType(client, { signal }),
        );
        const rows = [
          ...access.oneTimeResources.map((name) => [name, "one-time"]),
          ...access.timeBasedResources.map((name) => [name, "time-based"]),
        ];
        context.output.result(
          access,
          rows.length > 0 ? formatTable(["resource", "access"], rows) : "no resources granted",
        );
        return undefined;
      }),
    );
}
