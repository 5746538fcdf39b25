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
import { findOperation, isIdempotent, type OperationInfo } from "./operations.js";
import { markRefreshed } from "./refreshed.js";

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

/**
 * Methods whose request message has no fields take no body (the reference says it must be
 * empty); a `{}` passed through the raw client is dropped here.
 */
async function withoutEmptyBody(request: Request, operation: OperationInfo | undefined) {
  if (operation?.requestBody !== "optional" || request.body === null) {
    return request;
  }
  const text = (await request.clone().text()).trim();
  if (text !== "" && text !== "{}") {
    return request;
  }
  const headers = new Headers(request.headers);
  headers.delete("content-type");
  return new Request(request.url, { method: request.method, headers, signal: request.signal });
}

export function createTransport(options: TransportOptions): FetchLike {
  return async (original) => {
    const operation = findOperation(original.method, new URL(original.url).pathname);
    const override = readOverride(original);
    const request = await withoutEmptyBody(original, operation);
    const ctx: SendContext = {
      fetch: options.fetch,
      policy: mergeRetryPolicy(options.policy, override),
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
    return markRefreshed(await sendWithRetry(resend, ctx));
  };
}
