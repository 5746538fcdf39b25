/**
 * Installed-app OAuth for the Data Portability scopes: loopback redirect + PKCE (S256) + state,
 * `access_type=offline` for a refresh token, and never `include_granted_scopes` (Google refuses
 * incremental auth for these scopes). google-auth-library is imported only here, on demand, so
 * that `--help` and offline commands start fast.
 * @module
 */
import { randomBytes } from "node:crypto";
import {
  type Resource,
  SCOPE_PREFIX,
  scopeFor,
} from "../../generated/dataportability.v1.operations.js";
import { DataPortabilityError } from "../errors.js";
import type { StoredCredentials } from "./credentials.js";
import { listenForCode } from "./loopback.js";

/** OAuth endpoints; omitted fields are Google's. */
export interface OAuthEndpoints {
  authUrl?: string | undefined;
  tokenUrl?: string | undefined;
  revokeUrl?: string | undefined;
}

export interface LoginOptions {
  clientId: string;
  clientSecret?: string | undefined;
  resources: readonly Resource[];
  endpoints?: OAuthEndpoints | undefined;
  /** Shows the consent URL to the user (print it, open a browser, or play the browser). */
  present(url: string): void | Promise<void>;
  signal: AbortSignal;
}

export interface LoginResult {
  credentials: StoredCredentials;
  /** Requested resources the user did not grant. */
  missing: Resource[];
}

export async function loginWithLoopback(options: LoginOptions): Promise<LoginResult> {
  const { OAuth2Client, googleAuthLibrary } = await import("googleapis-common");
  const state = randomBytes(24).toString("base64url");
  const loopback = await listenForCode(state, options.signal);
  try {
    const endpoints = options.endpoints ?? {};
    const client = new OAuth2Client({
      clientId: options.clientId,
      ...(options.clientSecret ? { clientSecret: options.clientSecret } : {}),
      redirectUri: loopback.redirectUri,
      endpoints: {
        ...(endpoints.authUrl ? { oauth2AuthBaseUrl: endpoints.authUrl } : {}),
        ...(endpoints.tokenUrl ? { oauth2TokenUrl: endpoints.tokenUrl } : {}),
        ...(endpoints.revokeUrl ? { oauth2RevokeUrl: endpoints.revokeUrl } : {}),
      },
    });
    const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
    const url = client.generateAuthUrl({
      access_type: "offline",
      prompt: "consent",
      scope: options.resources.map((resource) => scopeFor(resource)),
      state,
      code_challenge_method: googleAuthLibrary.CodeChallengeMethod.S256,
      ...(codeChallenge ? { code_challenge: codeChallenge } : {}),
    });
    await options.present(url);
    const code = await loopback.code;
    const { tokens } = await client
      .getToken({ code, codeVerifier, redirect_uri: loopback.redirectUri })
      .catch((error: unknown) => {
        throw new DataPortabilityError({
          kind: "auth",
          message: `the token endpoint refused the authorization code (${errorText(error)}); run \`dataportability login\` again`,
          cause: error,
        });
      });
    const granted = grantedResources(tokens.scope, options.resources);
    return {
      credentials: {
        type: "authorized_user",
        client_id: options.clientId,
        client_secret: options.clientSecret,
        refresh_token: tokens.refresh_token ?? undefined,
        access_token: tokens.access_token ?? undefined,
        expiry_date: tokens.expiry_date ?? undefined,
        resources: granted,
        auth_url: endpoints.authUrl,
        token_url: endpoints.tokenUrl,
        revoke_url: endpoints.revokeUrl,
      },
      missing: options.resources.filter((resource) => !granted.includes(resource)),
    };
  } finally {
    loopback.close();
  }
}

/** Resource names from the token's `scope`; when the server omits it, everything asked for. */
function grantedResources(
  scope: string | null | undefined,
  asked: readonly Resource[],
): Resource[] {
  if (!scope) {
    return [...asked];
  }
  const names = scope.split(/\s+/).map((item) => item.replace(SCOPE_PREFIX, ""));
  return asked.filter((resource) => names.includes(resource));
}

function errorText(error: unknown): string {
  const data = (error as { response?: { data?: { error?: unknown } } }).response?.data?.error;
  return typeof data === "string"
    ? data
    : error instanceof Error
      ? error.message.slice(0, 120)
      : "unknown error";
}
