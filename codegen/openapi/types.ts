/**
 * The slice of OpenAPI 3.1 that the converter writes. Kept local and small so that the
 * transforms type-check under `exactOptionalPropertyTypes` without casting.
 *
 * @see https://spec.openapis.org/oas/v3.1.0
 */

/** Vendor extensions carry Discovery facts that OpenAPI has no field for. */
export type Extensions = { [key: `x-${string}`]: unknown };

/** Schema Object (4.8.24), a JSON Schema 2020-12 subset. */
export type SchemaObject = Extensions & {
  type?: "string" | "integer" | "number" | "boolean" | "object" | "array";
  $ref?: string;
  format?: string;
  enum?: unknown[];
  default?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  additionalProperties?: SchemaObject | boolean;
  required?: string[];
  readOnly?: boolean;
  deprecated?: boolean;
  description?: string;
};

/** Parameter Object (4.8.12). */
export type ParameterObject = Extensions & {
  name: string;
  in: "path" | "query";
  required?: boolean;
  deprecated?: boolean;
  style?: "simple" | "form";
  explode?: boolean;
  schema: SchemaObject;
};

export interface ReferenceObject {
  $ref: string;
}

export interface MediaTypeObject {
  schema: SchemaObject;
}

/** Response Object (4.8.17). */
export interface ResponseObject {
  description: string;
  content?: Record<string, MediaTypeObject>;
}

/** Request Body Object (4.8.13). */
export interface RequestBodyObject {
  required: boolean;
  content: Record<string, MediaTypeObject>;
}

/** Operation Object (4.8.10). */
export type OperationObject = Extensions & {
  operationId: string;
  tags: string[];
  summary?: string;
  description?: string;
  deprecated?: boolean;
  parameters: (ParameterObject | ReferenceObject)[];
  requestBody?: RequestBodyObject;
  responses: Record<string, ResponseObject | ReferenceObject>;
  security?: Record<string, string[]>[];
};

export type HttpVerb = "get" | "post" | "put" | "patch" | "delete";

export type PathItemObject = Partial<Record<HttpVerb, OperationObject>>;

/** OpenAPI Object (4.8.1). */
export type OpenApiDocument = Extensions & {
  openapi: "3.1.0";
  info: Extensions & { title: string; version: string };
  servers: { url: string }[];
  tags: { name: string }[];
  paths: Record<string, PathItemObject>;
  components: {
    schemas: Record<string, SchemaObject>;
    parameters: Record<string, ParameterObject>;
    responses: Record<string, ResponseObject>;
    securitySchemes?: Record<string, unknown>;
  };
  security?: Record<string, string[]>[];
};
