/**
 * Grants and the tokens that carry them. A grant is one consent: the resources the user
 * agreed to share and the access type they picked. Access tokens expire; refresh tokens mint
 * new access tokens for the same grant; revoking any token (or `authorization:reset`) revokes
 * the grant, so every token of it stops working at once.
 * @module
 */

import { randomBytes } from "node:crypto";
import type { EmulatorClock } from "./clock.js";

export type AccessType = "one-time" | "time-based";

export interface Grant {
  id: string;
  resources: readonly string[];
  accessType: AccessType;
  clientId: string;
  createdAt: number;
  /** When a time-based grant lapses (emulator clock); one-time grants last until used and reset. */
  expiresAt: number | undefined;
  revoked: boolean;
}

/** Tokens as `issueToken` and the token endpoint hand them out. */
export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
}

export type AuthResult =
  | { ok: true; grant: Grant; token: string }
  | { ok: false; missing: boolean; reason: string };

interface AccessRecord {
  grantId: string;
  expiresAt: number;
}

function opaque(prefix: string): string {
  return `${prefix}${randomBytes(24).toString("base64url")}`;
}

export class TokenStore {
  readonly #grants = new Map<string, Grant>();
  readonly #access = new Map<string, AccessRecord>();
  readonly #refresh = new Map<string, string>();
  readonly #clock: EmulatorClock;
  readonly #accessTtlSeconds: number;
  readonly #timeBasedGrantMs: number;
  #counter = 0;

  constructor(clock: EmulatorClock, accessTtlSeconds: number, timeBasedGrantMs: number) {
    this.#clock = clock;
    this.#accessTtlSeconds = accessTtlSeconds;
    this.#timeBasedGrantMs = timeBasedGrantMs;
  }

  /** Records a consent. */
  createGrant(resources: readonly string[], accessType: AccessType, clientId: string): Grant {
    const now = this.#clock.now();
    const grant: Grant = {
      id: `grant-${++this.#counter}`,
      resources: [...new Set(resources)],
      accessType,
      clientId,
      createdAt: now,
      expiresAt: accessType === "time-based" ? now + this.#timeBasedGrantMs : undefined,
      revoked: false,
    };
    this.#grants.set(grant.id, grant);
    return grant;
  }

  /** A new access token for `grant`. */
  mintAccessToken(grant: Grant): { accessToken: string; expiresIn: number } {
    const accessToken = opaque("ya29.emu-");
    const expiresIn = this.#accessTtlSeconds;
    this.#access.set(accessToken, {
      grantId: grant.id,
      expiresAt: this.#clock.now() + expiresIn * 1000,
    });
    return { accessToken, expiresIn };
  }

  /** An access token and a refresh token for `grant`. */
  issue(grant: Grant): IssuedTokens {
    const refreshToken = opaque("1//emu-");
    this.#refresh.set(refreshToken, grant.id);
    return { ...this.mintAccessToken(grant), refreshToken };
  }

  #liveGrant(grantId: string | undefined): Grant | undefined {
    const grant = grantId === undefined ? undefined : this.#grants.get(grantId);
    if (grant === undefined || grant.revoked) {
      return undefined;
    }
    if (grant.expiresAt !== undefined && this.#clock.now() >= grant.expiresAt) {
      return undefined;
    }
    return grant;
  }

  /** Checks a bearer token taken from a request (undefined when none was sent). */
  authenticate(token: string | undefined): AuthResult {
    if (token === undefined || token === "") {
      return { ok: false, missing: true, reason: "CREDENTIALS_MISSING" };
    }
    const record = this.#access.get(token);
    if (record === undefined) {
      return { ok: false, missing: false, reason: "ACCESS_TOKEN_TYPE_UNSUPPORTED" };
    }
    const grant = this.#liveGrant(record.grantId);
    if (grant === undefined) {
      return { ok: false, missing: false, reason: "ACCESS_TOKEN_EXPIRED" };
    }
    if (this.#clock.now() >= record.expiresAt) {
      return { ok: false, missing: false, reason: "ACCESS_TOKEN_EXPIRED" };
    }
    return { ok: true, grant, token };
  }

  /** The grant behind a live refresh token, if any. */
  grantForRefreshToken(refreshToken: string): Grant | undefined {
    return this.#liveGrant(this.#refresh.get(refreshToken));
  }

  /** Revokes the grant behind an access or refresh token; false when the token is unknown or dead. */
  revokeToken(token: string): boolean {
    const grantId = this.#access.get(token)?.grantId ?? this.#refresh.get(token);
    const grant = this.#liveGrant(grantId);
    if (grant === undefined) {
      return false;
    }
    grant.revoked = true;
    return true;
  }

  /** Revokes a grant (authorization:reset). */
  revokeGrant(grant: Grant): void {
    grant.revoked = true;
  }

  /** Makes one access token expired now (the token-expiry fault). */
  expireAccessToken(token: string): void {
    const record = this.#access.get(token);
    if (record !== undefined) {
      record.expiresAt = this.#clock.now();
    }
  }
}
