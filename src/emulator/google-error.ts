/**
 * Errors in Google's JSON shape (`google.rpc.Status` as REST renders it), with the ErrorInfo
 * FIRST in `details`, because Google's own samples read `error_details[0]`.
 * @module
 */

/** `google.rpc.Code` names the emulator uses, with the HTTP status Google maps each one to. */
export const HTTP_STATUS = {
  INVALID_ARGUMENT: 400,
  FAILED_PRECONDITION: 400,
  OUT_OF_RANGE: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  ABORTED: 409,
  ALREADY_EXISTS: 409,
  RESOURCE_EXHAUSTED: 429,
  CANCELLED: 499,
  INTERNAL: 500,
  UNKNOWN: 500,
  UNIMPLEMENTED: 501,
  UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 504,
} as const;

export type RpcStatus = keyof typeof HTTP_STATUS;

/** The first status name listed for an HTTP status (UNKNOWN for unlisted ones). */
export function statusForHttp(code: number): RpcStatus {
  const names = Object.keys(HTTP_STATUS) as RpcStatus[];
  return names.find((name) => HTTP_STATUS[name] === code) ?? "UNKNOWN";
}

/** Domain used in ErrorInfo for this API's own reasons. */
export const API_DOMAIN = "dataportability.googleapis.com";

export interface GoogleErrorInit {
  status: RpcStatus;
  message: string;
  /** ErrorInfo reason (UPPER_SNAKE_CASE); defaults to the status name. */
  reason?: string;
  /** ErrorInfo domain. @default "googleapis.com" */
  domain?: string;
  /** ErrorInfo metadata; values are strings as in google.rpc. */
  metadata?: Record<string, string>;
  /** Further `details` entries after the ErrorInfo (BadRequest, DebugInfo, RetryInfo…). */
  extraDetails?: readonly Record<string, unknown>[];
  /** Overrides the HTTP status (413 has no google.rpc code of its own). */
  httpStatus?: number;
  headers?: Record<string, string>;
}

/** The JSON body of a Google API error. */
export function googleErrorBody(init: GoogleErrorInit): Record<string, unknown> {
  const errorInfo: Record<string, unknown> = {
    "@type": "type.googleapis.com/google.rpc.ErrorInfo",
    reason: init.reason ?? init.status,
    domain: init.domain ?? "googleapis.com",
  };
  if (init.metadata !== undefined) {
    errorInfo.metadata = init.metadata;
  }
  return {
    error: {
      code: init.httpStatus ?? HTTP_STATUS[init.status],
      message: init.message,
      status: init.status,
      details: [errorInfo, ...(init.extraDetails ?? [])],
    },
  };
}

/** A Response carrying a Google API error. */
export function googleError(init: GoogleErrorInit): Response {
  return jsonResponse(googleErrorBody(init), init.httpStatus ?? HTTP_STATUS[init.status], {
    ...init.headers,
  });
}

/** JSON response in Google's style (pretty-printed, UTF-8). */
export function jsonResponse(
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return new Response(`${JSON.stringify(body, null, 2)}\n`, {
    status,
    headers: { "content-type": "application/json; charset=UTF-8", ...headers },
  });
}

/** 400 INVALID_ARGUMENT with a BadRequest field violation, as Google's JSON parser reports it. */
export function invalidArgument(message: string, field?: string): Response {
  const extraDetails =
    field === undefined
      ? []
      : [
          {
            "@type": "type.googleapis.com/google.rpc.BadRequest",
            fieldViolations: [{ field, description: message }],
          },
        ];
  return googleError({ status: "INVALID_ARGUMENT", message, extraDetails });
}

/** 401 for a missing, unknown, expired or revoked access token. */
export function unauthenticated(missing: boolean, reason?: string): Response {
  const message = missing
    ? "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential."
    : "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.";
  return googleError({
    status: "UNAUTHENTICATED",
    message,
    reason: reason ?? (missing ? "CREDENTIALS_MISSING" : "ACCESS_TOKEN_TYPE_UNSUPPORTED"),
    headers: {
      "www-authenticate": missing
        ? 'Bearer realm="https://accounts.google.com/"'
        : 'Bearer realm="https://accounts.google.com/", error="invalid_token"',
    },
  });
}
