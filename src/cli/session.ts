/**
 * Turns the global flags into an API client: `--emulator` (embedded emulator, logged in without
 * a browser), else `DATAPORTABILITY_ACCESS_TOKEN`, else the saved login. Commands that talk to
 * the API open one session and close it when done.
 * @module
 */
import type { Resource } from "../../generated/dataportability.v1.operations.js";
import { createDataPortabilityClient, type DataPortabilityClient } from "../client.js";
import { DataPortabilityError } from "../errors.js";
import { rememberSecret } from "../redact.js";
import type { CommandContext } from "./context.js";
import {
  credentialsPath,
  readCredentials,
  type StoredCredentials,
  writeCredentials,
} from "./credentials.js";
import { tracedFetch } from "./traced-fetch.js";

export interface Session {
  client: DataPortabilityClient;
  /** The fetch used for the API, reused for archive downloads (traced with `--verbose`). */
  fetch: typeof fetch;
  close(): Promise<void>;
}

/** What `auth` of createDataPortabilityClient accepts, as far as the CLI uses it. */
type Auth = Parameters<typeof createDataPortabilityClient>[0]["auth"];

/**
 * Opens a session; `resources` are what the command will use (the embedded emulator grants
 * exactly those, so its token behaves like a real consent).
 */
export async function openSession(
  context: CommandContext,
  resources?: readonly Resource[],
): Promise<Session> {
  const fetch = tracedFetch(context.output);
  if (context.flags.emulator) {
    const { startEmbeddedEmulator } = await import("./embedded-emulator.js");
    const embedded = await startEmbeddedEmulator(context, resources);
    const auth = await authFromCredentials(embedded.credentials);
    return {
      client: createDataPortabilityClient({ auth, baseUrl: embedded.url, fetch }),
      fetch,
      close: embedded.close,
    };
  }
  const { auth, baseUrl } = await resolveAuth(context);
  return {
    client: createDataPortabilityClient({
      auth,
      fetch,
      ...(baseUrl ? { baseUrl } : {}),
    }),
    fetch,
    close: async () => {},
  };
}

async function resolveAuth(
  context: CommandContext,
): Promise<{ auth: Auth; baseUrl?: string | undefined }> {
  const token = context.env.DATAPORTABILITY_ACCESS_TOKEN?.trim();
  if (token) {
    context.output.trace("auth: access token from DATAPORTABILITY_ACCESS_TOKEN");
    return { auth: token, baseUrl: context.flags.baseUrl };
  }
  const path = credentialsPath(context.env);
  const credentials = await readCredentials(path);
  if (!credentials) {
    throw new DataPortabilityError({
      kind: "auth",
      message:
        "not logged in; run `dataportability login <resource...>` (or set DATAPORTABILITY_ACCESS_TOKEN, or add --emulator to try it locally)",
    });
  }
  context.output.trace(`auth: saved login from ${path}`);
  const auth = await authFromCredentials(credentials, (updated) => writeCredentials(path, updated));
  return { auth, baseUrl: context.flags.baseUrl ?? credentials.base_url };
}

/**
 * An OAuth2Client that refreshes with the saved refresh token; `save` persists new access
 * tokens so the next command does not refresh again.
 */
export async function authFromCredentials(
  credentials: StoredCredentials,
  save?: (updated: StoredCredentials) => Promise<void>,
): Promise<Auth> {
  // The library remembers the tokens it handles; the client secret only passes through here.
  rememberSecret(credentials.client_secret);
  const { OAuth2Client } = await import("googleapis-common");
  const client = new OAuth2Client({
    clientId: credentials.client_id,
    ...(credentials.client_secret ? { clientSecret: credentials.client_secret } : {}),
    endpoints: {
      ...(credentials.auth_url ? { oauth2AuthBaseUrl: credentials.auth_url } : {}),
      ...(credentials.token_url ? { oauth2TokenUrl: credentials.token_url } : {}),
      ...(credentials.revoke_url ? { oauth2RevokeUrl: credentials.revoke_url } : {}),
    },
  });
  client.setCredentials({
    ...(credentials.refresh_token ? { refresh_token: credentials.refresh_token } : {}),
    ...(credentials.access_token ? { access_token: credentials.access_token } : {}),
    ...(credentials.expiry_date ? { expiry_date: credentials.expiry_date } : {}),
  });
  if (save) {
    client.on("tokens", (tokens) => {
      const updated: StoredCredentials = {
        ...credentials,
        access_token: tokens.access_token ?? credentials.access_token,
        expiry_date: tokens.expiry_date ?? credentials.expiry_date,
        refresh_token: tokens.refresh_token ?? credentials.refresh_token,
      };
      // A failed save only costs one more refresh next time.
      save(updated).catch(() => {});
    });
  }
  return client;
}
