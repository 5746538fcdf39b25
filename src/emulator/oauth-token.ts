/**
 * The OAuth 2.0 token endpoint (`/token`: authorization_code with PKCE, refresh_token) and the
 * revocation endpoint (`/revoke`), answering form-encoded requests the way Google's do, with
 * `{ error, error_description }` bodies on failure.
 * @module
 */

import { createHash } from "node:crypto";
import { readFormBody } from "./body.js";
import type { EmulatorClock } from "./clock.js";
import { jsonResponse } from "./google-error.js";
import type { PendingCode } from "./oauth-authorize.js";
import type { Grant, TokenStore } from "./tokens.js";

export interface TokenContext {
  clock: EmulatorClock;
  codes: Map<string, PendingCode>;
  tokens: TokenStore;
  scopePrefix: string;
  maxBodyBytes: number;
}

const NO_STORE = { "cache-control": "no-store" };

function oauthError(error: string, description: string, status = 400): Response {
  return jsonResponse({ error, error_description: description }, status, NO_STORE);
}

function scopeOf(grant: Grant, prefix: string): string {
  return grant.resources.map((r) => prefix + r).join(" ");
}

function grantExtras(grant: Grant, now: number): Record<string, number> {
  // Google reports how long a time-limited grant (and so its refresh token) has left.
  return grant.expiresAt === undefined
    ? {}
    : { refresh_token_expires_in: Math.max(0, Math.floor((grant.expiresAt - now) / 1000)) };
}

function verifierMatches(pending: PendingCode, verifier: string | null): boolean {
  if (pending.challenge === undefined) {
    return true;
  }
  if (verifier === null) {
    return false;
  }
  const derived =
    pending.challengeMethod === "S256"
      ? createHash("sha256").update(verifier).digest("base64url")
      : verifier;
  return derived === pending.challenge;
}

function exchangeCode(form: URLSearchParams, ctx: TokenContext): Response {
  const code = form.get("code");
  const pending = code === null ? undefined : ctx.codes.get(code);
  if (code === null || pending === undefined) {
    return oauthError("invalid_grant", "Malformed auth code.");
  }
  ctx.codes.delete(code); // one use only, whatever happens next
  if (ctx.clock.now() >= pending.expiresAt) {
    return oauthError("invalid_grant", "Bad Request");
  }
  const clientId = form.get("client_id");
  if (clientId !== null && clientId !== pending.clientId) {
    return oauthError("invalid_client", "The OAuth client was not found.", 401);
  }
  if (form.get("redirect_uri") !== pending.redirectUri) {
    return oauthError("redirect_uri_mismatch", "Bad Request");
  }
  if (!verifierMatches(pending, form.get("code_verifier"))) {
    return oauthError(
      "invalid_grant",
      form.get("code_verifier") === null ? "Missing code verifier." : "Invalid code verifier.",
    );
  }
  const grant = ctx.tokens.createGrant(pending.resources, pending.accessType, pending.clientId);
  const issued = ctx.tokens.issue(grant);
  return jsonResponse(
    {
      access_token: issued.accessToken,
      expires_in: issued.expiresIn,
      refresh_token: issued.refreshToken,
      scope: scopeOf(grant, ctx.scopePrefix),
      token_type: "Bearer",
      ...grantExtras(grant, ctx.clock.now()),
    },
    200,
    NO_STORE,
  );
}

function refresh(form: URLSearchParams, ctx: TokenContext): Response {
  const refreshToken = form.get("refresh_token");
  const grant = refreshToken === null ? undefined : ctx.tokens.grantForRefreshToken(refreshToken);
  if (grant === undefined) {
    return oauthError("invalid_grant", "Token has been expired or revoked.");
  }
  const minted = ctx.tokens.mintAccessToken(grant);
  return jsonResponse(
    {
      access_token: minted.accessToken,
      expires_in: minted.expiresIn,
      scope: scopeOf(grant, ctx.scopePrefix),
      token_type: "Bearer",
      ...grantExtras(grant, ctx.clock.now()),
    },
    200,
    NO_STORE,
  );
}

/** Handles POST `/token`. */
export async function handleToken(request: Request, ctx: TokenContext): Promise<Response> {
  const body = await readFormBody(request, ctx.maxBodyBytes);
  if (!body.ok) {
    return body.response;
  }
  const grantType = body.fields.get("grant_type");
  switch (grantType) {
    case "authorization_code":
      return exchangeCode(body.fields, ctx);
    case "refresh_token":
      return refresh(body.fields, ctx);
    default:
      return oauthError("unsupported_grant_type", `Invalid grant_type: ${grantType ?? ""}`);
  }
}

/** Handles POST `/revoke` (token in the query, as google-auth-library sends it, or in a form body). */
export async function handleRevoke(request: Request, ctx: TokenContext): Promise<Response> {
  const body = await readFormBody(request, ctx.maxBodyBytes);
  if (!body.ok) {
    return body.response;
  }
  const token = new URL(request.url).searchParams.get("token") ?? body.fields.get("token");
  if (token === null || !ctx.tokens.revokeToken(token)) {
    return oauthError("invalid_token", "Token expired or revoked");
  }
  return jsonResponse({}, 200, NO_STORE);
}
