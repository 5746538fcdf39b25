/**
 * Where the emulator serves OAuth, in the shape google-auth-library's `OAuth2Client` takes as
 * its `endpoints` option.
 * @module
 */

export interface EmulatorOAuthEndpoints {
  oauth2AuthBaseUrl: string;
  oauth2TokenUrl: string;
  oauth2RevokeUrl: string;
}

/** The emulator's OAuth endpoints under `baseUrl` (e.g. `RunningEmulator.url`). */
export function emulatorOAuthEndpoints(baseUrl: string): EmulatorOAuthEndpoints {
  const base = baseUrl.replace(/\/+$/, "");
  return {
    oauth2AuthBaseUrl: `${base}/o/oauth2/v2/auth`,
    oauth2TokenUrl: `${base}/token`,
    oauth2RevokeUrl: `${base}/revoke`,
  };
}
