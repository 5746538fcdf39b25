/**
 * `createDataPortabilityClient`: openapi-fetch's client, typed with the generated paths of the
 * chosen API version, with credentials, retry and the standard Google headers built in.
 * @module
 */

import createClient, { type Client } from "openapi-fetch";
import type { paths as V1Paths } from "../generated/dataportability.v1.js";
import type { paths as V1BetaPaths } from "../generated/dataportability.v1beta.js";
import { authMiddleware } from "./auth/middleware.js";
import { createAuthSource } from "./auth/source.js";
import { clientHeaders } from "./http/headers.js";
import { createTransport } from "./http/transport.js";
import { type ApiVersion, type DataPortabilityClientOptions, normalizeOptions } from "./options.js";

/** The generated `paths` of an API version. */
export type PathsFor<V extends ApiVersion> = V extends "v1beta" ? V1BetaPaths : V1Paths;

/** The client: `GET`/`POST`… typed by path, plus `use()` for more middleware. */
export type DataPortabilityClient<V extends ApiVersion = "v1"> = Client<PathsFor<V>>;

/** What the method helpers need to know about a client they did not create. */
interface ClientContext {
  version: ApiVersion;
}

const CONTEXTS = new WeakMap<object, ClientContext>();

/**
 * Creates a client. Validates the options (base URL, credentials present) at once, so a
 * misconfiguration fails here and not at the first request.
 * @throws DataPortabilityError kind `usage` or `auth` for invalid options.
 * @example
 * const client = createDataPortabilityClient({ auth: oauth2Client });
 * const { data, error } = await client.POST("/v1/accessType:check");
 */
export function createDataPortabilityClient<V extends ApiVersion = "v1">(
  options: DataPortabilityClientOptions<V>,
): DataPortabilityClient<V> {
  const normalized = normalizeOptions(options);
  const auth = createAuthSource(normalized.auth);
  const client = createClient<PathsFor<V>>({
    baseUrl: normalized.baseUrl,
    headers: clientHeaders(normalized),
    fetch: createTransport({
      fetch: normalized.fetch,
      policy: normalized.retry,
      auth,
      signal: normalized.signal,
    }),
  });
  client.use(authMiddleware(auth));
  CONTEXTS.set(client, { version: normalized.version });
  return client;
}

/** The API version a client was created for; `v1` for clients made elsewhere. */
export function clientVersion(client: object): ApiVersion {
  return CONTEXTS.get(client)?.version ?? "v1";
}
