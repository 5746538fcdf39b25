/**
 * `dataportability emulator`: serve a local Data Portability API (with its OAuth endpoints)
 * until Ctrl-C, and print how to point the CLI or a program at it.
 * @module
 */
import { type Command, InvalidArgumentError } from "commander";
import { RESOURCES } from "../../../generated/dataportability.v1.operations.js";
import { DataPortabilityError } from "../../errors.js";
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
        const running = await startEmulator({ port }).catch((error: unknown) => {
          throw listenError(port, error);
        });
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

/** Listen failures caused by the chosen port: the fix is another --port, hence a usage error. */
const PORT_ERRORS: Record<string, string> = {
  EADDRINUSE: "is already in use",
  EACCES: "needs privileges this user lacks",
};

function listenError(port: number, error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  const problem = typeof code === "string" ? PORT_ERRORS[code] : undefined;
  if (problem === undefined) {
    return error;
  }
  return new DataPortabilityError({
    kind: "usage",
    message: `port ${port} on 127.0.0.1 ${problem}; choose another with --port, or --port 0 to let the system pick a free one`,
    cause: error,
  });
}
