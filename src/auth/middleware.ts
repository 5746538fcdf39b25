/**
 * Sets the credentials on each request in openapi-fetch's `onRequest`, so every request (and
 * every logging middleware registered after this one) sees the current token.
 * @module
 */

import type { Middleware } from "openapi-fetch";
import { authFailure } from "./source.js";
import type { AuthSource } from "./types.js";

/** Copies auth headers onto a request; an explicit `x-goog-user-project` on it wins. */
export function applyAuthHeaders(target: Headers, auth: Headers): void {
  auth.forEach((value, key) => {
    if (key !== "x-goog-user-project" || !target.has(key)) {
      target.set(key, value);
    }
  });
}

export function authMiddleware(source: AuthSource): Middleware {
  return {
    async onRequest({ request }) {
      let headers: Headers;
      try {
        headers = await source.headers(request.url);
      } catch (error) {
        throw authFailure(error, false);
      }
      applyAuthHeaders(request.headers, headers);
      return request;
    },
  };
}
