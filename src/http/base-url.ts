/**
 * The base URL check: tokens go only over https, except to this machine (the emulator, tests).
 * @module
 */

import { DataPortabilityError } from "../errors.js";
import { redact } from "../redact.js";

/** localhost, 127.0.0.0/8 and ::1 (the URL parser has already normalised `127.1` and the like). */
export function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === "localhost" ||
    hostname === "[::1]" ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  );
}

function usage(message: string): DataPortabilityError {
  return new DataPortabilityError({ kind: "usage", message });
}

/**
 * Validates `baseUrl` and returns it without a trailing slash.
 * @throws DataPortabilityError kind `usage` for a malformed, non-https or non-loopback http URL.
 */
export function validateBaseUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw usage(`baseUrl ${JSON.stringify(redact(String(input)))} is not an absolute URL.`);
  }
  const shown = redact(url.origin);
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    throw usage(
      `baseUrl ${shown} uses plain http: use https, or a loopback host (localhost, ` +
        "127.0.0.0/8, [::1]) for a local emulator. Tokens are never sent in clear to another host.",
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw usage(`baseUrl ${shown} must be an https URL.`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw usage(`baseUrl ${shown} must not carry credentials, a query or a fragment.`);
  }
  return url.href.replace(/\/+$/, "");
}
