/**
 * The CLI's only way to talk to the terminal. Commands hand it results and errors; it decides
 * between human lines, `--json` documents, silence (`--quiet`) and `--verbose` traces.
 * @module
 */
import { isDataPortabilityError } from "../errors.js";
import { redact, redactSecrets } from "../redact.js";
import { EXIT, exitCodeFor } from "./exit-codes.js";
import { cliMessageFor } from "./hints.js";

/** How the user asked us to talk. */
export interface OutputOptions {
  /** Print one JSON document on stdout instead of human text. @default false */
  json?: boolean | undefined;
  /** Print nothing but errors. @default false */
  quiet?: boolean | undefined;
  /** Trace requests and retries on stderr. @default false */
  verbose?: boolean | undefined;
  /** @default process.stdout */
  stdout?: NodeJS.WriteStream | undefined;
  /** @default process.stderr */
  stderr?: NodeJS.WriteStream | undefined;
}

export class Output {
  readonly json: boolean;
  readonly quiet: boolean;
  readonly verbose: boolean;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;

  constructor(options: OutputOptions = {}) {
    this.json = options.json ?? false;
    this.quiet = options.quiet ?? false;
    this.verbose = options.verbose ?? false;
    this.stdout = options.stdout ?? process.stdout;
    this.stderr = options.stderr ?? process.stderr;
  }

  /**
   * True when progress may be drawn with cursor movement (bars, spinners). Not with
   * `--verbose`: trace lines on the same terminal would tear the bars apart.
   */
  get interactive(): boolean {
    return this.showsProgress && !this.verbose && this.stdout.isTTY === true;
  }

  /** True when progress is shown at all (as bars on a TTY, as lines otherwise). */
  get showsProgress(): boolean {
    return !this.json && !this.quiet;
  }

  /** A human line on stdout (suppressed by `--json` and `--quiet`). */
  line(text = ""): void {
    if (!this.json && !this.quiet) {
      this.stdout.write(`${text}\n`);
    }
  }

  /** Something the user must see to go on (a URL to open): stdout, or stderr with `--json`. */
  prompt(text: string): void {
    (this.json ? this.stderr : this.stdout).write(`${text}\n`);
  }

  /** A note on stderr that matters even in `--json` mode (prompts, URLs to open). */
  notice(text: string): void {
    if (!this.quiet) {
      this.stderr.write(`${text}\n`);
    }
  }

  /** A warning on stderr; shown unless `--quiet`. */
  warn(text: string): void {
    if (!this.quiet) {
      this.stderr.write(`warning: ${text}\n`);
    }
  }

  /** A `--verbose` trace line on stderr, always redacted. */
  trace(text: string): void {
    if (this.verbose) {
      this.stderr.write(`[verbose] ${redact(text)}\n`);
    }
  }

  /** The command's result: `value` as JSON with `--json`, else the human lines. */
  result(value: unknown, human: string | readonly string[]): void {
    // Only the exact known secrets: a full redact() would break the signed URLs users need.
    if (this.json) {
      this.stdout.write(`${redactSecrets(JSON.stringify(value, null, 2))}\n`);
      return;
    }
    if (this.quiet) {
      return;
    }
    const lines = typeof human === "string" ? [human] : human;
    for (const text of lines) {
      this.stdout.write(`${redactSecrets(text)}\n`);
    }
  }

  /** Reports a failure in one line (or one JSON document) and returns its exit code. */
  fail(error: unknown): number {
    const code = exitCodeFor(error);
    const message = describeError(error);
    if (this.json) {
      const fields = isDataPortabilityError(error) ? error.toJSON() : { kind: "unexpected" };
      const text = JSON.stringify({ error: { ...fields, message, exitCode: code } }, null, 2);
      this.stdout.write(`${redact(text)}\n`);
    } else {
      this.stderr.write(`error: ${message}\n`);
    }
    if (this.verbose && error instanceof Error && error.stack) {
      this.stderr.write(`${redact(error.stack)}\n`);
    }
    return code;
  }
}

/** One line: what went wrong, then what to do about it. */
export function describeError(error: unknown): string {
  const own = isDataPortabilityError(error) ? cliMessageFor(error) : undefined;
  const text = own ?? (error instanceof Error ? error.message : String(error));
  const firstLine = redact(text).split("\n")[0] ?? "";
  if (exitCodeFor(error) === EXIT.unexpected) {
    return `${firstLine} (unexpected; run again with --verbose for details and report it)`;
  }
  return firstLine;
}
