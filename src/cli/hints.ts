/**
 * The CLI's wording for the API errors a person meets most. The library's messages say what to
 * do in library terms (call resetAuthorization…); here the fix is the command to type.
 * @module
 */
import type { DataPortabilityError } from "../errors.js";

/** A complete one-line message for well-known errors, or `undefined` to keep the library's. */
export function cliMessageFor(error: DataPortabilityError): string | undefined {
  const jobs = error.jobIds.join(", ");
  const previous = jobs ? ` (previous jobs: ${jobs})` : "";
  if (error.status === "ALREADY_EXISTS" && jobs) {
    return `an export of these resources is already running as job ${error.jobIds[0]}; follow it with \`dataportability state ${error.jobIds[0]}\` or download it with \`dataportability export <resource...> --resume ${error.jobIds[0]}\``;
  }
  if (error.reason?.endsWith("_ONE_TIME")) {
    return `these resources were already exported with this one-time grant${previous}; run \`dataportability reset\`, then \`dataportability login\` to grant access again`;
  }
  if (error.reason?.endsWith("_TIME_BASED")) {
    const when = error.retryAfter ? ` after ${error.retryAfter.toISOString()}` : " in 24 hours";
    return `a time-based grant allows one export per 24 hours${previous}; try again${when}`;
  }
  if (error.httpStatus === 401) {
    return "the access token was rejected (expired, revoked, or ended by `dataportability reset`); sign in again with `dataportability login <resource...>`, or set a fresh DATAPORTABILITY_ACCESS_TOKEN";
  }
  return undefined;
}
