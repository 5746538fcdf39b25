/**
 * The OAuth 2.0 authorization endpoint (`/o/oauth2/v2/auth`). The simulated user consents at
 * once: the browser is redirected to the app's loopback `redirect_uri` with a code and the
 * caller's `state`. The code remembers the PKCE challenge, the granted resources and the access
 * type the user "picked" (the `emulator_access_type` URL parameter or the emulator default).
 * @module
 */

import type { EmulatorClock } from "./clock.js";
import type { AccessType } from "./tokens.js";

/** A code waiting to be exchanged at the token endpoint. */
export interface PendingCode {
  clientId: string;
  redirectUri: string;
  challenge: string | undefined;
  challengeMethod: "S256" | "plain";
  resources: string[];
  accessType: AccessType;
  expiresAt: number;
}

export interface AuthorizeContext {
  clock: EmulatorClock;
  codes: Map<string, PendingCode>;
  scopePrefix: string;
  isResource(name: string): boolean;
  defaultAccessType: AccessType;
  grantResources(requested: readonly string[]): readonly string[];
  newCode(): string;
}

/** Authorization codes live ten minutes, as Google's do. */
const CODE_TTL_MS = 10 * 60 * 1000;

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

function errorPage(error: string, description: string): Response {
  return new Response(`Error 400: ${error}\n\n${description}\n`, {
    status: 400,
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
}

function redirect(target: URL): Response {
  return new Response(null, { status: 302, headers: { location: target.toString() } });
}

function parseRedirectUri(raw: string | null): URL | undefined {
  if (raw === null) {
    return undefined;
  }
  try {
    const url = new URL(raw);
    return url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname) ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Handles GET `/o/oauth2/v2/auth`. */
export function handleAuthorize(request: Request, ctx: AuthorizeContext): Response {
  const q = new URL(request.url).searchParams;
  const clientId = q.get("client_id");
  if (clientId === null || clientId === "") {
    return errorPage("invalid_request", "Missing required parameter: client_id");
  }
  const redirectUri = parseRedirectUri(q.get("redirect_uri"));
  if (redirectUri === undefined) {
    return errorPage(
      "invalid_request",
      "redirect_uri must be a loopback http URL (http://127.0.0.1:PORT/…) for this emulator.",
    );
  }
  if ((q.get("response_type") ?? "code") !== "code") {
    return errorPage("unsupported_response_type", "Only response_type=code is supported.");
  }
  const scopes = (q.get("scope") ?? "").split(/[\s,]+/).filter((s) => s !== "");
  if (scopes.length === 0) {
    return errorPage("invalid_request", "Missing required parameter: scope");
  }
  const requested: string[] = [];
  for (const scope of scopes) {
    const name = scope.startsWith(ctx.scopePrefix) ? scope.slice(ctx.scopePrefix.length) : "";
    if (!ctx.isResource(name)) {
      return errorPage(
        "invalid_scope",
        `Some requested scopes were invalid or cannot be combined with Data Portability scopes: ${scope}`,
      );
    }
    requested.push(name);
  }
  const method = q.get("code_challenge_method") ?? "plain";
  if (method !== "S256" && method !== "plain") {
    return errorPage("invalid_request", `Unsupported code_challenge_method: ${method}`);
  }
  const accessParam = q.get("emulator_access_type");
  if (accessParam !== null && accessParam !== "one-time" && accessParam !== "time-based") {
    return errorPage("invalid_request", 'emulator_access_type must be "one-time" or "time-based".');
  }
  const state = q.get("state");
  const target = new URL(redirectUri);
  if (state !== null) {
    target.searchParams.set("state", state);
  }
  const granted = ctx.grantResources(requested).filter((r) => requested.includes(r));
  if (granted.length === 0) {
    target.searchParams.set("error", "access_denied");
    return redirect(target);
  }
  const code = ctx.newCode();
  ctx.codes.set(code, {
    clientId,
    redirectUri: redirectUri.toString(),
    challenge: q.get("code_challenge") ?? undefined,
    challengeMethod: method,
    resources: granted,
    accessType: accessParam ?? ctx.defaultAccessType,
    expiresAt: ctx.clock.now() + CODE_TTL_MS,
  });
  target.searchParams.set("code", code);
  target.searchParams.set("scope", granted.map((r) => ctx.scopePrefix + r).join(" "));
  return redirect(target);
}
