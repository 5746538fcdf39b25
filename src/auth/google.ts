/**
 * Auth sources backed by google-auth-library clients. Callers that pass a client have already
 * loaded the library; only an `authorized_user` JSON makes this module import googleapis-common,
 * lazily, on the first request.
 * @module
 */

import type {
  AuthorizedUserJson,
  AuthSource,
  GoogleAuthClientLike,
  GoogleAuthLike,
} from "./types.js";

function toHeaders(value: Headers | Record<string, string>): Headers {
  // google-auth-library ≥10 returns Headers; older versions a plain object.
  return value instanceof Headers ? new Headers(value) : new Headers(Object.entries(value));
}

/**
 * A source from an `AuthClient` (OAuth2Client, JWT, Compute…). Headers come from
 * `getRequestHeaders`, which refreshes an expiring token and adds the quota project header.
 * After a 401 the token is refreshed with `refreshAccessToken`, which these clients implement
 * for refresh tokens, service accounts and the metadata server alike.
 */
export function fromAuthClient(client: GoogleAuthClientLike): AuthSource {
  const source: AuthSource = {
    headers: async (url) => toHeaders(await client.getRequestHeaders(url)),
  };
  if (typeof client.refreshAccessToken === "function") {
    source.refresh = async (url) => {
      await client.refreshAccessToken?.();
      return toHeaders(await client.getRequestHeaders(url));
    };
  }
  return source;
}

/** A source from `GoogleAuth`/`AuthPlus`: the client is resolved once and reused. */
export function fromGoogleAuth(auth: GoogleAuthLike): AuthSource {
  return lazySource(async () => fromAuthClient(await auth.getClient()));
}

/** A source from an `authorized_user` JSON, building an `OAuth2Client` on first use. */
export function fromAuthorizedUser(json: AuthorizedUserJson): AuthSource {
  return lazySource(async () => {
    const { OAuth2Client } = await import("googleapis-common");
    const client = new OAuth2Client({
      clientId: json.client_id,
      clientSecret: json.client_secret,
      ...(json.token_uri ? { endpoints: { oauth2TokenUrl: json.token_uri } } : {}),
    });
    client.setCredentials({ refresh_token: json.refresh_token });
    if (json.quota_project_id) {
      client.quotaProjectId = json.quota_project_id;
    }
    return fromAuthClient(client);
  });
}

/** Defers building the real source until the first request, and builds it only once. */
function lazySource(build: () => Promise<AuthSource>): AuthSource {
  let pending: Promise<AuthSource> | undefined;
  const get = () => {
    pending ??= build().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
  return {
    headers: async (url) => (await get()).headers(url),
    refresh: async (url) => {
      const source = await get();
      return source.refresh ? source.refresh(url) : source.headers(url);
    },
  };
}
