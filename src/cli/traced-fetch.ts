/**
 * `--verbose`: a `fetch` that logs each attempt (method, URL, status, time) through the output,
 * redacted, so retries show up as repeated lines.
 * @module
 */
import type { Output } from "./output.js";

export function tracedFetch(output: Output, inner: typeof fetch = globalThis.fetch): typeof fetch {
  if (!output.verbose) {
    return inner;
  }
  return async (input, init) => {
    const request = new Request(input, init);
    const started = Date.now();
    const url = shortUrl(request.url);
    output.trace(`→ ${request.method} ${url}`);
    try {
      const response = await inner(request);
      const retryAfter = response.headers.get("retry-after");
      output.trace(
        `← ${response.status} ${request.method} ${url} (${Date.now() - started} ms)${retryAfter ? ` retry-after=${retryAfter}` : ""}`,
      );
      return response;
    } catch (error) {
      output.trace(
        `✗ ${request.method} ${url}: ${error instanceof Error ? error.message : String(error)} (${Date.now() - started} ms)`,
      );
      throw error;
    }
  };
}

/** Signed URLs carry a long query whose only interesting part (the signature) is secret. */
function shortUrl(url: string): string {
  const parsed = new URL(url);
  return parsed.searchParams.has("X-Goog-Signature")
    ? `${parsed.origin}${parsed.pathname}?[signed]`
    : url;
}
