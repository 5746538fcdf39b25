/**
 * Serving archive objects behind signed URLs, as Cloud Storage does: `ETag`,
 * `x-goog-hash`, `Content-Length`, single `Range` requests (206 / 416), `If-Range`,
 * `If-Match` / `If-None-Match`, HEAD, and XML errors. Download faults (expired URL, ignored
 * Range, changed content, slow / cut / corrupted bodies) are applied here.
 * @module
 */

import type { ArchiveFile } from "./archive.js";
import { bodyStream } from "./body-stream.js";
import type { Fault } from "./faults.js";
import { expiredUrl, STORAGE_PREFIX, storageError, verifySignedUrl } from "./signed-url.js";

export interface DownloadContext {
  secret: Buffer;
  now: number;
  /** The archive behind an object name (`jobId/….zip`), if it still exists. */
  find(objectName: string): { file: ArchiveFile; modifiedMs: number } | undefined;
  faults: readonly Fault[];
}

type ByteRange = { start: number; end: number } | "unsatisfiable" | undefined;

/** Parses a single `bytes=` range; undefined means "serve everything" (absent, invalid, multiple). */
export function parseRange(header: string | null, size: number): ByteRange {
  const m = header === null ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (m === null || (m[1] === "" && m[2] === "")) {
    return undefined;
  }
  if (m[1] === "") {
    const suffix = Number(m[2]);
    return suffix === 0 ? "unsatisfiable" : { start: Math.max(0, size - suffix), end: size };
  }
  const start = Number(m[1]);
  const last = m[2] === "" ? size - 1 : Number(m[2]);
  if (start >= size) {
    return "unsatisfiable";
  }
  if (last < start) {
    return undefined;
  }
  return { start, end: Math.min(last, size - 1) + 1 };
}

function etagListHas(header: string, etag: string): boolean {
  return header.split(",").some((t) => {
    const tag = t.trim();
    return tag === "*" || tag === etag || tag === `W/${etag}`;
  });
}

/** `/storage/<bucket>/<object…>` → the object name ("" when the path is not decodable). */
function objectNameOf(pathname: string): string {
  try {
    return decodeURIComponent(pathname.slice(STORAGE_PREFIX.length)).split("/").slice(1).join("/");
  } catch {
    return "";
  }
}

/** Handles GET and HEAD on `/storage/…`. */
export function handleDownload(request: Request, ctx: DownloadContext): Response {
  if (request.method !== "GET" && request.method !== "HEAD") {
    const response = storageError(
      405,
      "MethodNotAllowed",
      "The specified method is not allowed against this resource.",
    );
    response.headers.set("allow", "GET, HEAD");
    return response;
  }
  const has = (kind: Fault["kind"]) => ctx.faults.some((f) => f.kind === kind);
  const url = new URL(request.url);
  if (has("expire-url")) {
    return expiredUrl(ctx.now - 1000);
  }
  const check = verifySignedUrl(url, ctx.secret, ctx.now);
  if (!check.ok) {
    return check.response;
  }
  const found = ctx.find(objectNameOf(url.pathname));
  if (found === undefined) {
    return storageError(404, "NoSuchKey", "The specified key does not exist.");
  }
  const { file } = found;
  if (has("change-content")) {
    file.generation++;
  }
  const size = file.size;
  const etag = file.etag;
  const md5 = file.md5Base64;
  const headers = new Headers({
    "content-type": "application/zip",
    "accept-ranges": "bytes",
    etag,
    "last-modified": new Date(found.modifiedMs).toUTCString(),
    "x-goog-hash":
      md5 === undefined ? `crc32c=${file.crc32cBase64}` : `crc32c=${file.crc32cBase64},md5=${md5}`,
    "x-goog-generation": String(file.generation),
    "x-goog-stored-content-length": String(size),
    "cache-control": "private, max-age=0",
  });
  const ifMatch = request.headers.get("if-match");
  if (ifMatch !== null && !etagListHas(ifMatch, etag)) {
    return storageError(
      412,
      "PreconditionFailed",
      "At least one of the pre-conditions you specified did not hold.",
    );
  }
  const ifNoneMatch = request.headers.get("if-none-match");
  if (ifNoneMatch !== null && etagListHas(ifNoneMatch, etag)) {
    return new Response(null, { status: 304, headers });
  }
  const ifRange = request.headers.get("if-range");
  const rangeAllowed = !has("ignore-range") && (ifRange === null || ifRange === etag);
  const range = rangeAllowed ? parseRange(request.headers.get("range"), size) : undefined;
  if (range === "unsatisfiable") {
    const response = storageError(416, "InvalidRange", "The requested range cannot be satisfied.");
    response.headers.set("content-range", `bytes */${size}`);
    return response;
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? size;
  headers.set("content-length", String(end - start));
  if (range !== undefined) {
    headers.set("content-range", `bytes ${start}-${end - 1}/${size}`);
  }
  const status = range === undefined ? 200 : 206;
  if (request.method === "HEAD") {
    return new Response(null, { status, headers });
  }
  const body = bodyStream(file.layout.read(start, end), ctx.faults, end - start);
  return new Response(body, { status, headers });
}
