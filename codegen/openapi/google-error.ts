/**
 * The JSON error body every Google API answers with: `{ error: google.rpc.Status }` with the
 * HTTP code, message, canonical status name and typed details (ErrorInfo, RetryInfo, ...).
 * Declared once in components and used as every operation's `default` response, so that
 * openapi-fetch types `error` instead of leaving it `never`.
 *
 * @see https://cloud.google.com/apis/design/errors#http_mapping
 * @see https://github.com/googleapis/googleapis/blob/master/google/rpc/status.proto
 */
import type { ResponseObject, SchemaObject } from "./types.js";

export const ERROR_RESPONSE = "google.rpc.Error";
export const STATUS_SCHEMA = "google.rpc.Status";
export const ANY_SCHEMA = "google.protobuf.Any";
export const ENVELOPE_SCHEMA = "google.rpc.ErrorResponse";

export function errorSchemas(): Record<string, SchemaObject> {
  return {
    [ANY_SCHEMA]: {
      type: "object",
      properties: { "@type": { type: "string" } },
      required: ["@type"],
      additionalProperties: {},
    },
    [STATUS_SCHEMA]: {
      type: "object",
      properties: {
        code: { type: "integer", format: "int32" },
        message: { type: "string" },
        status: { type: "string" },
        details: { type: "array", items: { $ref: `#/components/schemas/${ANY_SCHEMA}` } },
      },
      required: ["code", "message"],
    },
    [ENVELOPE_SCHEMA]: {
      type: "object",
      properties: { error: { $ref: `#/components/schemas/${STATUS_SCHEMA}` } },
      required: ["error"],
    },
  };
}

export function errorResponses(): Record<string, ResponseObject> {
  return {
    [ERROR_RESPONSE]: {
      description: "Google API error",
      content: {
        "application/json": { schema: { $ref: `#/components/schemas/${ENVELOPE_SCHEMA}` } },
      },
    },
  };
}
