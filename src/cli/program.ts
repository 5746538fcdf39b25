/**
 * The command tree. Global flags live on the root and are read by every command through
 * `optsWithGlobals()`; commander's own usage errors are turned into our one-line format.
 * @module
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { DataPortabilityError } from "../errors.js";
import { registerAccount } from "./commands/account.js";
import { registerEmulator } from "./commands/emulator.js";
import { registerExport } from "./commands/export.js";
import { registerJobs } from "./commands/jobs.js";
import { registerLogin } from "./commands/login.js";
import { registerResources } from "./commands/resources.js";
import { EXIT, EXIT_CODES_HELP } from "./exit-codes.js";
import { Output } from "./output.js";

const ENVIRONMENT_HELP = `
Environment:
  DATAPORTABILITY_ACCESS_TOKEN  use this access token instead of the saved login
  DATAPORTABILITY_BASE_URL      same as --base-url
  XDG_CONFIG_HOME               where the login is saved (default ~/.config)`;

export function buildProgram(): Command {
  const program = new Command("dataportability")
    .description("Export your Google data with the Data Portability API (or a local emulator).")
    .version(readVersion(), "-V, --version", "print the version")
    .helpOption("-h, --help", "show help for a command")
    .option("--json", "print one machine-readable JSON document on stdout")
    .option("-q, --quiet", "print nothing but errors")
    .option("-v, --verbose", "trace requests and retries on stderr (tokens redacted)")
    .option("--emulator", "run against an embedded local emulator (no Google account needed)")
    .addOption(
      new Option("--base-url <url>", "API base URL, e.g. a running `dataportability emulator`").env(
        "DATAPORTABILITY_BASE_URL",
      ),
    )
    .configureHelp({ showGlobalOptions: true })
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: () => {} })
    .addHelpText("afterAll", `${EXIT_CODES_HELP}\n${ENVIRONMENT_HELP}\n`);
  registerLogin(program);
  registerExport(program);
  registerJobs(program);
  registerAccount(program);
  registerResources(program);
  registerEmulator(program);
  return program;
}

/** Parses and runs; resolves with the exit code instead of exiting, so tests can call it. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv], { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (!(error instanceof CommanderError)) {
      throw error;
    }
    if (error.exitCode === 0) {
      return EXIT.ok; // --help, --version
    }
    const usage = new DataPortabilityError({
      kind: "usage",
      message: `${error.message.replace(/^error: /, "").replace(/\s*\n\s*/g, " ")}; see \`dataportability ${commandName(argv)}--help\``,
    });
    return new Output({ json: argv.includes("--json") }).fail(usage);
  }
}

/** The subcommand named in argv, for the hint in a usage error ("export " or ""). */
function commandName(argv: readonly string[]): string {
  const known = buildProgram().commands.map((command) => command.name());
  const name = argv.find((arg) => known.includes(arg));
  return name ? `${name} ` : "";
}

/** The package version, found by walking up from this file (works from src/ and dist/). */
function readVersion(): string {
  for (const relative of ["../../package.json", "../../../package.json"]) {
    try {
      const json = JSON.parse(readFileSync(new URL(relative, import.meta.url), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (json.name === "dataportability-client" && json.version) {
        return json.version;
      }
    } catch {
      // not at this level
    }
  }
  return "0.0.0";
}
