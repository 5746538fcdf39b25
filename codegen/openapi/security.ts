/**
 * Discovery `auth.oauth2.scopes` → an OAuth2 security scheme (Google's authorization-code
 * endpoints). Scope descriptions are prose and not in the snapshot, so they stay empty.
 *
 * @see https://developers.google.com/discovery/v1/reference/apis (auth.oauth2.scopes)
 * @see https://developers.google.com/identity/protocols/oauth2/web-server
 */
import type { DiscoveryDocument } from "../discovery.js";

export const OAUTH2 = "oauth2";

/** All scopes the document declares, sorted. */
export function documentScopes(doc: DiscoveryDocument): string[] {
  return Object.keys(doc.auth?.oauth2?.scopes ?? {}).sort();
}

export function securitySchemes(doc: DiscoveryDocument): Record<string, unknown> | undefined {
  const scopes = documentScopes(doc);
  if (scopes.length === 0) {
    return undefined;
  }
  return {
    [OAUTH2]: {
      type: "oauth2",
      flows: {
        authorizationCode: {
          authorizationUrl: "https://accounts.google.com/o/oauth2/v2/auth",
          tokenUrl: "https://oauth2.googleapis.com/token",
          scopes: Object.fromEntries(scopes.map((s) => [s, ""])),
        },
      },
    },
  };
}
