/**
 * `dataportability emulator`: serve a local Data Portability API (with its OAuth endpoints)
 * until Ctrl-C, and print how to point the CLI or a program at it.
 * @module
 */
import { type Command, InvalidArgumentError } from "commander";
import { RESOURCES } from "../../../generated/dataportability.v1.operations.js";
import { defineAction } from "../context.js";

export function registerEmulator(program: Command): void {
  program
    .command("emulator")
    .description("serve a local emulator of the API and OAuth until Ctrl-C")
    .option("-p, --port <port>", "port on 127.0.0.1 (0 picks a free one)", parsePort, 0)
    .action(
      defineAction(async (context) => {
        const { port } = context.command.opts<{ port: number }>();
        const { startEmulator } = await import("../../emulator/index.js");
        const running = await startEmulator({ port });
        const token = running.emulator.issueToken({ resources: [...RESOURCES] });
        const { url } = running;
        context.output.result(
          {
            url,
            accessToken: token.accessToken,
            refreshToken: token.refreshToken,
            expiresIn: token.expiresIn,
          },
          [
            `Data Portability emulator listening on ${url}`,
            "",
            "Use it from another terminal with a ready-made token for every resource:",
            `  export DATAPORTABILITY_BASE_URL=${url}`,
            `  export DATAPORTABILITY_ACCESS_TOKEN=${token.accessToken}`,
            "  dataportability export myactivity.youtube --out ./takeout",
            "or go through its consent page like a real login:",
            `  dataportability login --base-url ${url} myactivity.youtube`,
            "",
            "Press Ctrl-C to stop.",
          ],
        );
        await new Promise<void>((resolve) => {
          context.signal.addEventListener("abort", () => resolve(), { once: true });
        });
        await running.close();
        context.output.line("emulator stopped");
        return undefined;
      }),
    );
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) {
    throw new InvalidArgumentError("expected a port number from 0 to 65535");
  }
  return port;
}
