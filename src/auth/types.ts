/**
 * What `auth` accepts, described structurally so that neither googleapis-common nor
 * google-auth-library is loaded (or even required) to type or run a client.
 * @module
 */

/** Passed to a token function so it can skip its cache after the API answered 401. */
export interface TokenContext {
  /** `true` when the previous token was rejected and a new one is needed. */
  forceRefresh: boolean;
}

/** Returns an OAuth access token (without the `Bearer ` prefix). Called before every request. */
export type TokenFunction = (context: TokenContext) => string | Promise<string>;

/**
 * The part of google-auth-library's `AuthClient` family (`OAuth2Client`, `UserRefreshClient`,
 * `JWT`, `Compute`, as googleapis-common re-exports them) this library uses.
 */
export interface GoogleAuthClientLike {
  getRequestHeaders(url?: string): Promise<Headers | Record<string, string>>;
  /** Present on `OAuth2Client` and subclasses; used once after a 401. */
  refreshAccessToken?: (() => Promise<unknown>) | undefined;
  credentials?: { refresh_token?: string | null | undefined } | undefined;
}

/** `GoogleAuth` and googleapis-common's `AuthPlus` (application default credentials). */
export interface GoogleAuthLike {
  getClient(): Promise<GoogleAuthClientLike>;
}

/** An `authorized_user` credentials JSON, as written by `gcloud auth application-default login`. */
export interface AuthorizedUserJson {
  type: "authorized_user";
  client_id: string;
  client_secret: string;
  refresh_token: string;
  /** Token endpoint; Google's when absent (loopback endpoints make this testable offline). */
  token_uri?: string | undefined;
  quota_project_id?: string | undefined;
}

/** Everything `createDataPortabilityClient({ auth })` accepts. */
export type AuthInput =
  | string
  | TokenFunction
  | GoogleAuthClientLike
  | GoogleAuthLike
  | AuthorizedUserJson;

/** The normalised form every input becomes. */
export interface AuthSource {
  /** Headers for one request: `Authorization`, plus any the credentials add (quota project). */
  headers(url: string): Promise<Headers>;
  /** Present when the source can get a new token after a 401; returns the new headers. */
  refresh?: ((url: string) => Promise<Headers>) | undefined;
}
