/**
 * Turns any accepted `auth` input into one {@link AuthSource}, by duck typing so that no auth
 * library is loaded to find out what the caller passed.
 * @module
 */

import { DataPortabilityError } from "../errors.js";
import { rememberSecret } from "../redact.js";
import { fromAuthClient, fromAuthorizedUser, fromGoogleAuth } from "./google.js";
import type {
  AuthInput,
  AuthorizedUserJson,
  AuthSource,
  GoogleAuthClientLike,
  GoogleAuthLike,
  TokenFunction,
} from "./types.js";

function bearer(token: unknown): Headers {
  if (typeof token !== "string" || token.trim() === "") {
    throw new DataPortabilityError({
      kind: "auth",
      message: "The auth token function returned no access token. Sign in again to get one.",
    });
  }
  return new Headers({ authorization: `Bearer ${token.trim()}` });
}

function fromTokenFunction(fn: TokenFunction): AuthSource {
  return {
    headers: async () => bearer(await fn({ forceRefresh: false })),
    refresh: async () => bearer(await fn({ forceRefresh: true })),
  };
}

function hasMethod<K extends string>(value: unknown, key: K): value is Record<K, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Record<string, unknown>)[key] === "function"
  );
}

function isAuthorizedUser(value: unknown): value is AuthorizedUserJson {
  const json = value as Partial<AuthorizedUserJson> | null;
  return typeof json === "object" && json?.type === "authorized_user";
}

/** Remembers the token of every Authorization header produced, so redact() masks it exactly. */
function remembering(source: AuthSource): AuthSource {
  const seen = (headers: Headers): Headers => {
    const value = headers.get("authorization") ?? "";
    rememberSecret(value.replace(/^\S+\s+/, ""));
    return headers;
  };
  const refresh = source.refresh;
  return {
    headers: async (url) => seen(await source.headers(url)),
    ...(refresh ? { refresh: async (url: string) => seen(await refresh(url)) } : {}),
  };
}

/** Credentials held by a google-auth-library client that are not yet in a header. */
function rememberClientSecrets(client: unknown): void {
  const { credentials } = client as { credentials?: { refresh_token?: unknown } };
  if (typeof credentials?.refresh_token === "string") {
    rememberSecret(credentials.refresh_token);
  }
}

/**
 * Normalises `auth`. Every token the source produces, and the refresh token and client secret
 * it is given, are remembered for redaction (see `rememberSecret`).
 * @throws DataPortabilityError kind `auth` when nothing usable was given.
 */
export function createAuthSource(input: AuthInput | undefined): AuthSource {
  return remembering(selectSource(input));
}

function selectSource(input: AuthInput | undefined): AuthSource {
  if (typeof input === "string" && input.trim() !== "") {
    const headers = bearer(input);
    return { headers: async () => new Headers(headers) };
  }
  if (typeof input === "function") {
    return fromTokenFunction(input);
  }
  if (hasMethod(input, "getRequestHeaders")) {
    rememberClientSecrets(input);
    return fromAuthClient(input as GoogleAuthClientLike);
  }
  if (hasMethod(input, "getClient")) {
    return fromGoogleAuth(input as GoogleAuthLike);
  }
  if (isAuthorizedUser(input)) {
    if (!input.client_id || !input.client_secret || !input.refresh_token) {
      throw new DataPortabilityError({
        kind: "auth",
        message:
          "The authorized_user credentials lack client_id, client_secret or refresh_token. " +
          "Sign in again to write a complete credentials file.",
      });
    }
    rememberSecret(input.refresh_token);
    rememberSecret(input.client_secret);
    return fromAuthorizedUser(input);
  }
  throw new DataPortabilityError({
    kind: "auth",
    message:
      "No credentials: pass `auth` as an access token string, an async function returning one, " +
      "an OAuth2Client/GoogleAuth/AuthPlus from googleapis-common, or authorized_user JSON.",
  });
}

/** Wraps a failure to obtain a token (refresh rejected, revoked grant…) as an `auth` error. */
export function authFailure(error: unknown, refreshing: boolean): DataPortabilityError {
  if (error instanceof DataPortabilityError) {
    return error;
  }
  const what = refreshing ? "refresh the access token after a 401" : "get an access token";
  const detail = error instanceof Error ? error.message : String(error);
  return new DataPortabilityError({
    kind: "auth",
    message: `Could not ${what}: ${detail}. Sign in again (re-consent) to get new credentials.`,
    cause: error,
  });
}
