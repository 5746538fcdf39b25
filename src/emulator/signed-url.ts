/**
 * Signed download URLs in the style of Cloud Storage V4 signing: the query carries
 * `X-Goog-Algorithm`, `X-Goog-Credential`, `X-Goog-Date`, `X-Goog-Expires`,
 * `X-Goog-SignedHeaders` and `X-Goog-Signature`, an HMAC-SHA256 (per-emulator secret) over the
 * path, the date and the lifetime. Refusals use Cloud Storage's XML error documents: 403
 * `SignatureDoesNotMatch` when tampered, 400 `ExpiredToken` when expired.
 * @module
 */

import { createHmac, timingSafeEqual } from "node:crypto";

export const STORAGE_PREFIX = "/storage/";

function goog4Date(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
}

function parseGoog4Date(text: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (m === null) {
    return Number.NaN;
  }
  return Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6]),
  );
}

function signature(secret: Buffer, path: string, date: string, expires: string): string {
  return createHmac("sha256", secret).update(`${path}\n${date}\n${expires}`).digest("hex");
}

/** A signed URL for `path` (starting with `/storage/`) valid for `ttlMs` from `now`. */
export function signUrl(
  origin: string,
  path: string,
  secret: Buffer,
  now: number,
  ttlMs: number,
): string {
  const date = goog4Date(now);
  const expires = String(Math.max(1, Math.floor(ttlMs / 1000)));
  const url = new URL(path, origin);
  url.searchParams.set("X-Goog-Algorithm", "GOOG4-HMAC-SHA256");
  url.searchParams.set(
    "X-Goog-Credential",
    `emulator/${date.slice(0, 8)}/auto/storage/goog4_request`,
  );
  url.searchParams.set("X-Goog-Date", date);
  url.searchParams.set("X-Goog-Expires", expires);
  url.searchParams.set("X-Goog-SignedHeaders", "host");
  url.searchParams.set("X-Goog-Signature", signature(secret, path, date, expires));
  return url.toString();
}

/** XML error document as Cloud Storage's XML API returns it. */
export function storageError(
  status: number,
  code: string,
  message: string,
  details?: string,
): Response {
  const extra = details === undefined ? "" : `<Details>${details}</Details>`;
  return new Response(
    `<?xml version='1.0' encoding='UTF-8'?><Error><Code>${code}</Code><Message>${message}</Message>${extra}</Error>`,
    { status, headers: { "content-type": "application/xml; charset=UTF-8" } },
  );
}

export type UrlCheck = { ok: true } | { ok: false; response: Response };

/** Verifies the signature and the expiry of a download request. */
export function verifySignedUrl(url: URL, secret: Buffer, now: number): UrlCheck {
  const q = url.searchParams;
  const date = q.get("X-Goog-Date") ?? "";
  const expires = q.get("X-Goog-Expires") ?? "";
  const given = q.get("X-Goog-Signature") ?? "";
  const expected = signature(secret, url.pathname, date, expires);
  const same =
    given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
  if (!same || q.get("X-Goog-Algorithm") !== "GOOG4-HMAC-SHA256") {
    return {
      ok: false,
      response: storageError(
        403,
        "SignatureDoesNotMatch",
        "Access denied.",
        "The request signature we calculated does not match the signature you provided. Check your Google secret key and signing method.",
      ),
    };
  }
  const expiresAt = parseGoog4Date(date) + Number(expires) * 1000;
  if (!(now < expiresAt)) {
    return { ok: false, response: expiredUrl(expiresAt) };
  }
  return { ok: true };
}

/** 400 ExpiredToken, as for a signed URL past its lifetime. */
export function expiredUrl(expiresAt: number): Response {
  const when = Number.isFinite(expiresAt) ? new Date(expiresAt).toISOString() : "(unknown)";
  return storageError(
    400,
    "ExpiredToken",
    "Invalid argument.",
    `The provided token has expired. Request signature expired at: ${when}`,
  );
}
