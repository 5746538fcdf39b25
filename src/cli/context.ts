/**
 * What every command action receives: the parsed global flags, the output, and an abort signal
 * that Ctrl-C fires. `defineAction` is the one place where a command's errors become an exit
 * code.
 * @module
 */
import type { Command } from "commander";
import { DataPortabilityError } from "../errors.js";
import { EXIT } from "./exit-codes.js";
import { Output } from "./output.js";

/** Flags accepted by every command (declared on the root program). */
export interface GlobalFlags {
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  emulator?: boolean;
  baseUrl?: string;
}

export interface CommandContext {
  flags: GlobalFlags;
  output: Output;
  /** Fires on the first Ctrl-C (SIGINT) or SIGTERM. */
  signal: AbortSignal;
  env: NodeJS.ProcessEnv;
  /** The command being run, for its own options (`command.opts()`) and arguments. */
  command: Command;
}

/** Stops the process on a second Ctrl-C, when the first one did not end it quickly. */
let interrupts = 0;

function interruptSignal(): { signal: AbortSignal; release(): void } {
  const controller = new AbortController();
  const onSignal = () => {
    interrupts += 1;
    if (interrupts > 1) {
      process.exit(EXIT.interrupted);
    }
    controller.abort(
      new DataPortabilityError({ kind: "aborted", message: "interrupted by Ctrl-C" }),
    );
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    signal: controller.signal,
    // Once the command is done, Ctrl-C goes back to ending the process at once.
    release() {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}

/**
 * Wraps a command handler for commander: builds its context, runs it, and turns a thrown error
 * into one line (or a JSON document) plus the mapped exit code.
 */
export function defineAction(
  handler: (context: CommandContext) => Promise<number | undefined>,
): (...args: unknown[]) => Promise<void> {
  return async (...args: unknown[]) => {
    const command = args.at(-1) as Command;
    const flags = command.optsWithGlobals<GlobalFlags>();
    const output = new Output(flags);
    const interrupt = interruptSignal();
    const context: CommandContext = {
      flags,
      output,
      signal: interrupt.signal,
      env: process.env,
      command,
    };
    try {
      process.exitCode = (await handler(context)) ?? EXIT.ok;
    } catch (error) {
      process.exitCode = output.fail(error);
    } finally {
      interrupt.release();
    }
  };
}
