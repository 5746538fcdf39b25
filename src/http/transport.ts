/**
 * The `fetch` handed to openapi-fetch: per-request overrides, the retry loop, and the one
 * refresh-and-resend after a 401. Doing the resend here, beneath the middleware, means it
 * carries the fresh token, and it can never re-enter itself: a second 401 is returned as is.
 * @module
 */

import { applyAuthHeaders } from "../auth/middleware.js";
import { authFailure } from "../auth/source.js";
import type { AuthSource } from "../auth/types.js";
import {
  type FetchLike,
  mergeRetryPolicy,
  type RequestRetryOverride,
  type RetryPolicy,
} from "../options.js";
import { labelRequest } from "../retry/failure.js";
import { type SendContext, sendWithRetry } from "../retry/fetch.js";
import { findOperation, isIdempotent } from "./operations.js";

export interface TransportOptions {
  fetch: FetchLike;
  policy: RetryPolicy;
  auth: AuthSource;
  signal: AbortSignal | undefined;
}

/**
 * openapi-fetch copies request options that a Request does not know (`retry`, `timeoutMs`)
 * onto the Request object; that is how a per-request override reaches this layer.
 */
function readOverride(request: Request): RequestRetryOverride {
  const { retry, timeoutMs } = request as Request & RequestRetryOverride;
  return { retry, timeoutMs };
}

function callerSignal(client: AbortSignal | undefined, request: Request): AbortSignal {
  return client ? AbortSignal.any([client, request.signal]) : request.signal;
}

export function createTransport(options: TransportOptions): FetchLike {
  return async (request) => {
    const operation = findOperation(request.method, new URL(request.url).pathname);
    const ctx: SendContext = {
      fetch: options.fetch,
      policy: mergeRetryPolicy(options.policy, readOverride(request)),
      label: labelRequest(request, operation?.id, isIdempotent(request.method, operation)),
      signal: callerSignal(options.signal, request),
    };
    const response = await sendWithRetry(request, ctx);
    if (response.status !== 401 || !options.auth.refresh) {
      return response;
    }
    let headers: Headers;
    try {
      headers = await options.auth.refresh(request.url);
    } catch (error) {
      throw authFailure(error, true);
    }
    await response.body?.cancel().catch(() => undefined);
    const resend = new Request(request);
    applyAuthHeaders(resend.headers, headers);
    return sendWithRetry(resend, ctx);
  };
}
