/**
 * What to type next, for the API errors a person meets most. The library's messages say what
 * went wrong in library terms; these add the CLI command that fixes it.
 * @module
 */
import type { DataPortabilityError } from "../errors.js";

export function hintFor(error: DataPortabilityError): string | undefined {
  const jobs = error.jobIds.join(", ");
  if (error.status === "ALREADY_EXISTS" && jobs) {
    return `follow the running job with \`dataportability state ${error.jobIds[0]}\` or resume it with \`dataportability export <resource...> --resume ${error.jobIds[0]}\``;
  }
  if (error.reason?.endsWith("_ONE_TIME")) {
    return "this one-time grant was already used; run `dataportability reset`, then `dataportability login` to grant access again";
  }
  if (error.reason?.endsWith("_TIME_BASED")) {
    const when = error.retryAfter ? ` after ${error.retryAfter.toISOString()}` : " in 24 hours";
    return `a time-based grant allows one export per day; try again${when}`;
  }
  if (error.status === "PERMISSION_DENIED" || error.httpStatus === 401) {
    return "run `dataportability login --scopes <resource,...>` to grant the resources you export";
  }
  return undefined;
}
