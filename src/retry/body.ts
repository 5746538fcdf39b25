/**
 * Buffers an API response body inside the attempt. API answers are small JSON, so reading
 * them here lets the attempt's timer and signal cover the body too: a server that sends its
 * headers and then stalls ends the attempt instead of hanging the caller.
 * @module
 */

import { DataPortabilityError } from "../errors.js";

/** Largest body accepted from an API method; anything bigger is not an API answer. */
export const MAX_API_BODY_BYTES = 8 * 1024 * 1024;

/** Statuses for which `new Response()` refuses a body, even an empty one. */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

function tooLarge(label: string): DataPortabilityError {
  return new DataPortabilityError({
    kind: "api",
    message:
      `${label} answered with a body over ${MAX_API_BODY_BYTES / 1024 / 1024} MiB, which no ` +
      "API method returns. Check that baseUrl points at the Data Portability API and not at a " +
      "proxy or another service.",
  });
}

async function readAll(
  body: ReadableStream<Uint8Array>,
  label: string,
  signal: AbortSignal,
): Promise<Uint8Array> {
  const reader = body.getReader();
  // Cancelling ends a pending read even when the stream itself ignores the signal.
  const onAbort = () => void reader.cancel(signal.reason).catch(() => undefined);
  signal.addEventListener("abort", onAbort, { once: true });
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (signal.aborted) {
        throw signal.reason;
      }
      if (done) {
        break;
      }
      total += value.byteLength;
      if (total > MAX_API_BODY_BYTES) {
        throw tooLarge(label);
      }
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * Reads `response` to the end under `signal` (the attempt's timer and the caller's abort)
 * and returns an equivalent Response over the buffered bytes: same status, statusText and
 * headers. Rejects with the signal's reason when it aborts, or with an `api` error
 * when the body is too large.
 */
export async function bufferResponse(
  response: Response,
  label: string,
  signal: AbortSignal,
): Promise<Response> {
  const init = {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  };
  if (response.body === null || NULL_BODY_STATUSES.has(response.status)) {
    await response.body?.cancel().catch(() => undefined);
    return new Response(null, init);
  }
  return new Response(await readAll(response.body, label, signal), init);
}
