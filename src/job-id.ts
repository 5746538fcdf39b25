/**
 * Job ids as the user may paste them: the bare id from `initiate`, the resource name
 * `archiveJobs/<id>`, or the state name `archiveJobs/<id>/portabilityArchiveState`.
 * @module
 */

import { DataPortabilityError } from "./errors.js";
import { redact } from "./redact.js";

const FORMS = /^(?:archiveJobs\/([^/]*)(?:\/portabilityArchiveState)?|([^/]*))$/;
// Unreserved URL characters only, so the id can never change the request path or query.
const ID = /^[A-Za-z0-9._~-]+$/;

/**
 * Returns the bare job id from any accepted form.
 * @throws DataPortabilityError kind `usage` for anything else, before any request is made.
 * @example parseJobId("archiveJobs/abc/portabilityArchiveState") // "abc"
 */
export function parseJobId(input: string): string {
  const match = typeof input === "string" ? FORMS.exec(input) : null;
  const id = match?.[1] ?? match?.[2];
  if (id !== undefined && ID.test(id) && !/^\.+$/.test(id)) {
    return id;
  }
  const shown =
    typeof input === "string" ? JSON.stringify(redact(input).slice(0, 80)) : typeof input;
  throw new DataPortabilityError({
    kind: "usage",
    message:
      `Invalid archive job id ${shown}: expected the id returned by initiate (e.g. "0f3c…"), ` +
      `"archiveJobs/<id>" or "archiveJobs/<id>/portabilityArchiveState", using only letters, ` +
      `digits, ".", "_", "~" and "-".`,
  });
}
