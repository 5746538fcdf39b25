/**
 * Reading request bodies safely: a byte cap (413 past it), content-type checks and JSON/form
 * parsing, each failure turned into a clear Google-shaped answer instead of an exception.
 * @module
 */

import { googleError, invalidArgument } from "./google-error.js";

/** A parsed body, or the Response that explains why it could not be read. */
export type BodyResult =
  | { ok: true; value: unknown; raw: string; empty: boolean }
  | { ok: false; response: Response };

/** Past this many bytes an oversized body is no longer drained: the connection is given up. */
const DISCARD_LIMIT = 64 * 1024 * 1024;

/** Reads at most `maxBytes` of the request body as UTF-8 text; holds nothing past the cap. */
export async function readCappedText(
  request: Request,
  maxBytes: number,
): Promise<{ text: string } | { tooLarge: true }> {
  if (request.body === null) {
    return { text: "" };
  }
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    total += value.byteLength;
    if (total > DISCARD_LIMIT) {
      await reader.cancel().catch(() => undefined);
      return { tooLarge: true };
    }
    if (total <= maxBytes) {
      chunks.push(value);
    }
  }
  // The rest of an oversized body is read and dropped so the client sees the 413 rather
  // than a reset connection while it is still sending.
  return total > maxBytes ? { tooLarge: true } : { text: Buffer.concat(chunks).toString("utf8") };
}

function tooLarge(maxBytes: number): Response {
  return googleError({
    status: "INVALID_ARGUMENT",
    httpStatus: 413,
    reason: "REQUEST_TOO_LARGE",
    message: `Request body is larger than ${maxBytes} bytes.`,
  });
}

/** Media type without parameters, lower-cased ("" when absent). */
export function mediaType(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/** Reads a JSON request body. An absent or empty body reads as `{}` with `empty: true`. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<BodyResult> {
  const read = await readCappedText(request, maxBytes);
  if ("tooLarge" in read) {
    return { ok: false, response: tooLarge(maxBytes) };
  }
  if (read.text.trim() === "") {
    return { ok: true, value: {}, raw: read.text, empty: true };
  }
  const type = mediaType(request);
  if (type !== "application/json" && !type.endsWith("+json")) {
    return {
      ok: false,
      response: invalidArgument(
        `Unsupported Content-Type "${type || "(none)"}": send the request body as application/json.`,
      ),
    };
  }
  try {
    return { ok: true, value: JSON.parse(read.text), raw: read.text, empty: false };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      response: invalidArgument(`Invalid JSON payload received. ${detail}`),
    };
  }
}

/** Reads an `application/x-www-form-urlencoded` (or JSON) body into string fields, as OAuth endpoints accept. */
export async function readFormBody(
  request: Request,
  maxBytes: number,
): Promise<{ ok: true; fields: URLSearchParams } | { ok: false; response: Response }> {
  const read = await readCappedText(request, maxBytes);
  if ("tooLarge" in read) {
    return { ok: false, response: tooLarge(maxBytes) };
  }
  const type = mediaType(request);
  if (type === "application/json" && read.text.trim() !== "") {
    try {
      const parsed: unknown = JSON.parse(read.text);
      const fields = new URLSearchParams();
      if (parsed !== null && typeof parsed === "object") {
        for (const [k, v] of Object.entries(parsed)) {
          fields.set(k, String(v));
        }
      }
      return { ok: true, fields };
    } catch {
      return { ok: false, response: invalidArgument("Invalid JSON payload received.") };
    }
  }
  return { ok: true, fields: new URLSearchParams(read.text) };
}
