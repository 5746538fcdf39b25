/**
 * Which part of the emulator answers a request: OAuth endpoints, signed downloads under
 * `/storage/`, or an API operation of the generated documents. The result names the fault
 * target of the request; paths and verbs that match nothing get Google's 404 NOT_FOUND.
 * @module
 */

import { randomBytes } from "node:crypto";
import { type ApiRequestContext, handleApiRequest } from "./api-request.js";
import type { ArchiveRegistry } from "./archive-registry.js";
import { API_ROUTES, isKnownResource, SCOPE_PREFIX } from "./documents.js";
import { handleDownload } from "./download.js";
import type { Fault } from "./faults.js";
import { googleError } from "./google-error.js";
import { handleAuthorize } from "./oauth-authorize.js";
import { handleRevoke, handleToken, type TokenContext } from "./oauth-token.js";
import { matchPath } from "./openapi.js";
import type { NormalizedOptions } from "./options.js";
import { STORAGE_PREFIX } from "./signed-url.js";

export interface RouteDeps {
  opts: NormalizedOptions;
  oauth: TokenContext;
  api: ApiRequestContext;
  archives: ArchiveRegistry;
  secret: Buffer;
}

export interface Routed {
  /** Fault target: an operation id, `download`, `token`, `revoke` or `authorize`. */
  target: string;
  run(faults: readonly Fault[]): Promise<Response>;
}

/**
 * An unknown path, or a known path with a verb it does not serve. Google's front end routes
 * REST-transcoded APIs on verb and path together (`POST /v1/portabilityArchive:initiate` is
 * one route), so a wrong verb is an unknown route: 404 NOT_FOUND, not a 405 whose body would
 * need a google.rpc code that does not exist. The body is the same either way, so a client's
 * error mapping sees a real google.rpc pair (code 404, status NOT_FOUND). The `Allow` header
 * is an emulator-only hint for whoever is debugging the client; nothing should rely on it.
 */
function notFound(path: string, allow?: string): Response {
  return googleError({
    status: "NOT_FOUND",
    message: `The requested URL ${path} was not found on this server.`,
    reason: "METHOD_NOT_FOUND",
    ...(allow === undefined ? {} : { headers: { allow } }),
  });
}

function only(
  request: Request,
  path: string,
  method: string,
  target: string,
  run: () => Response | Promise<Response>,
): Routed | Response {
  return request.method === method ? { target, run: async () => run() } : notFound(path, method);
}

/** Routes `request` (whose URL path is `path`). */
export function routeRequest(request: Request, path: string, deps: RouteDeps): Routed | Response {
  const { oauth, opts } = deps;
  if (path === "/o/oauth2/v2/auth") {
    return only(request, path, "GET", "authorize", () =>
      handleAuthorize(request, {
        clock: oauth.clock,
        codes: oauth.codes,
        scopePrefix: SCOPE_PREFIX,
        isResource: isKnownResource,
        defaultAccessType: opts.accessType,
        grantResources: opts.grantResources,
        newCode: () => `4/emu-${randomBytes(18).toString("base64url")}`,
      }),
    );
  }
  if (path === "/token") {
    return only(request, path, "POST", "token", () => handleToken(request, oauth));
  }
  if (path === "/revoke") {
    return only(request, path, "POST", "revoke", () => handleRevoke(request, oauth));
  }
  if (path.startsWith(STORAGE_PREFIX)) {
    return {
      target: "download",
      run: async (faults) =>
        handleDownload(request, {
          secret: deps.secret,
          now: oauth.clock.now(),
          find: (name) => deps.archives.find(name),
          faults,
        }),
    };
  }
  // Some clients percent-encode the custom-method colon (`…%3Acancel`); Google accepts both.
  const matches = matchPath(API_ROUTES, path.replace(/%3A/gi, ":"));
  const match = matches.find((m) => m.route.method === request.method);
  if (match === undefined) {
    const verbs = [...new Set(matches.map((m) => m.route.method))];
    return notFound(path, verbs.length === 0 ? undefined : verbs.join(", "));
  }
  return {
    target: match.route.operationId,
    run: async (faults) => {
      if (faults.some((f) => f.kind === "expire-token")) {
        const header = request.headers.get("authorization") ?? "";
        oauth.tokens.expireAccessToken(header.replace(/^Bearer\s+/i, ""));
      }
      return handleApiRequest(request, match, deps.api);
    },
  };
}
