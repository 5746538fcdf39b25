/**
 * Exit codes of the `dataportability` CLI, in one place: the table below is what `--help`
 * prints and what {@link exitCodeFor} maps errors to.
 * @module
 */
import { type DataPortabilityErrorKind, isDataPortabilityError } from "../errors.js";

export const EXIT = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  auth: 3,
  api: 4,
  network: 5,
  job: 6,
  io: 7,
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

const BY_KIND: Record<DataPortabilityErrorKind, ExitCode> = {
  usage: EXIT.usage,
  auth: EXIT.auth,
  api: EXIT.api,
  network: EXIT.network,
  timeout: EXIT.network,
  job: EXIT.job,
  integrity: EXIT.job,
  io: EXIT.io,
  aborted: EXIT.interrupted,
};

/** The exit code for anything thrown by a command. */
export function exitCodeFor(error: unknown): ExitCode {
  return isDataPortabilityError(error) ? BY_KIND[error.kind] : EXIT.unexpected;
}

/** The "Exit codes" section appended to every command's `--help`. */
export const EXIT_CODES_HELP = `
Exit codes:
  0    success
  1    unexpected error (a bug: please report it)
  2    usage: bad command, flag or argument
  3    auth: not logged in, token refused or credentials file unsafe
  4    API: the Data Portability API refused the request
  5    network: no answer from the API (after retries) or a deadline passed
  6    job: the export job failed or was cancelled, or a download failed its integrity check
  7    io: the local file system refused (permissions, disk full)
  130  interrupted (Ctrl-C); an interrupted export prints the command that resumes it`;
