/**
 * Reads the system error codes buried in a fetch failure (undici wraps them as
 * `TypeError("fetch failed")` → `cause` → maybe an `AggregateError` of per-address errors).
 * @module
 */

/** Codes meaning the connection was never made, so the request cannot have reached the server. */
const NOT_CONNECTED = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/** Every `code` found in the error, its cause chain and aggregated errors. */
export function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): void => {
    if (typeof value !== "object" || value === null || seen.has(value) || depth > 8) {
      return;
    }
    seen.add(value);
    const { code, cause, errors } = value as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === "string") {
      codes.push(code);
    }
    visit(cause, depth + 1);
    if (Array.isArray(errors)) {
      for (const inner of errors) {
        visit(inner, depth + 1);
      }
    }
  };
  visit(error, 0);
  return codes;
}

/**
 * True when the failure happened before a connection existed (refused, DNS), the only case in
 * which a non-idempotent request is known not to have reached the server.
 */
export function failedBeforeSend(error: unknown): boolean {
  const codes = errorCodes(error);
  return codes.length > 0 && codes.every((code) => NOT_CONNECTED.has(code));
}
