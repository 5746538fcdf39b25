import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseDiscovery } from "../../codegen/discovery.js";
import { toOpenApi } from "../../codegen/openapi/document.js";
import type { OpenApiDocument } from "../../codegen/openapi/types.js";
import { miniDoc } from "./helpers/fixtures.js";

type Case = [
  name: string,
  { given: ReturnType<typeof miniDoc>; pick: (doc: OpenApiDocument) => unknown; want: unknown },
];

const NAME = { location: "path", required: true, type: "string" } as const;
const op = (doc: OpenApiDocument, key: string, verb: "get" | "post" = "post") => {
  const operation = doc.paths[key]?.[verb];
  assert.ok(operation, `no ${verb} ${key} in ${Object.keys(doc.paths).join(", ")}`);
  return operation;
};

const cases: Case[] = [
  [
    "path key from flatPath keeps the custom-method colon; params named from its tokens",
    {
      given: miniDoc({
        retry: {
          path: "v1/{+name}:retry",
          flatPath: "v1/archiveJobs/{archiveJobsId}:retry",
          parameters: { name: { ...NAME, pattern: "^archiveJobs/[^/]+$" } },
        },
      }),
      pick: (d) => op(d, "/v1/archiveJobs/{archiveJobsId}:retry").parameters[0],
      want: {
        name: "archiveJobsId",
        in: "path",
        required: true,
        schema: { type: "string" },
        "x-google-param-name": "name",
        "x-google-param-pattern": "^archiveJobs/[^/]+$",
      },
    },
  ],
  [
    "gRPC template rebuilt from path and pattern",
    {
      given: miniDoc({
        get: {
          httpMethod: "GET",
          path: "v1/{+name}",
          flatPath: "v1/archiveJobs/{archiveJobsId}/portabilityArchiveState",
          parameters: { name: { ...NAME, pattern: "^archiveJobs/[^/]+/portabilityArchiveState$" } },
        },
        retry: {
          path: "v1/{+name}:retry",
          flatPath: "v1/archiveJobs/{archiveJobsId}:retry",
          parameters: { name: { ...NAME, pattern: "^archiveJobs/[^/]+$" } },
        },
        reset: { path: "v1/authorization:reset", flatPath: "v1/authorization:reset" },
      }),
      pick: (d) => [
        op(d, "/v1/archiveJobs/{archiveJobsId}/portabilityArchiveState", "get")[
          "x-google-grpc-path"
        ],
        op(d, "/v1/archiveJobs/{archiveJobsId}:retry")["x-google-grpc-path"],
        op(d, "/v1/authorization:reset")["x-google-grpc-path"],
      ],
      want: [
        "/v1/{name=archiveJobs/*/portabilityArchiveState}",
        "/v1/{name=archiveJobs/*}:retry",
        "/v1/authorization:reset",
      ],
    },
  ],
  [
    "without flatPath the key comes from path with {+x} written {x}",
    {
      given: miniDoc({
        get: { httpMethod: "GET", path: "v1/{+name}", parameters: { name: NAME } },
      }),
      pick: (d) => [Object.keys(d.paths), op(d, "/v1/{name}", "get").parameters[0]],
      want: [
        ["/v1/{name}"],
        {
          name: "name",
          in: "path",
          required: true,
          schema: { type: "string" },
          "x-google-reserved-expansion": true,
        },
      ],
    },
  ],
  [
    "several flatPath tokens fill one reserved parameter by its pattern",
    {
      given: miniDoc({
        list: {
          httpMethod: "GET",
          path: "v1/{+parent}/things",
          flatPath: "v1/projects/{projectsId}/locations/{locationsId}/things",
          parameters: { parent: { ...NAME, pattern: "^projects/[^/]+/locations/[^/]+$" } },
        },
      }),
      pick: (d) =>
        op(d, "/v1/projects/{projectsId}/locations/{locationsId}/things", "get").parameters.map(
          (p) => ("name" in p ? [p.name, p["x-google-param-name"]] : p.$ref),
        ),
      want: [
        ["projectsId", "parent"],
        ["locationsId", "parent"],
      ],
    },
  ],
  [
    "servicePath prefixes every key; the server is rootUrl",
    {
      given: miniDoc(
        { get: { httpMethod: "GET", path: "lists/{list}", parameters: { list: NAME } } },
        {},
        { servicePath: "tasks/v1/" },
      ),
      pick: (d) => [d.servers, Object.keys(d.paths)],
      want: [[{ url: "https://demo.googleapis.com" }], ["/tasks/v1/lists/{list}"]],
    },
  ],
  [
    "operationId is the method id; tags are the resource path, nested resources joined",
    {
      given: {
        ...miniDoc(),
        resources: {
          userinfo: {
            resources: {
              me: {
                methods: { get: { id: "demo.userinfo.me.get", path: "me", httpMethod: "GET" } },
              },
            },
          },
        },
      },
      pick: (d) => [op(d, "/me", "get").operationId, op(d, "/me", "get").tags],
      want: ["demo.userinfo.me.get", ["userinfo.me"]],
    },
  ],
  [
    "scopes become one OAuth2 requirement listing the alternatives",
    {
      given: miniDoc(
        { reset: { scopes: ["https://x/a", "https://x/b"] } },
        {},
        { auth: { oauth2: { scopes: { "https://x/a": {}, "https://x/b": {} } } } },
      ),
      pick: (d) => op(d, "/v1/things:reset").security,
      want: [{ oauth2: ["https://x/a", "https://x/b"] }],
    },
  ],
  [
    "repeated query parameter is an exploded form array; format kept",
    {
      given: miniDoc({
        list: {
          httpMethod: "GET",
          parameters: {
            ids: { location: "query", type: "string", format: "int64", repeated: true },
          },
        },
      }),
      pick: (d) => op(d, "/v1/things:list", "get").parameters[0],
      want: {
        name: "ids",
        in: "query",
        style: "form",
        explode: true,
        schema: { type: "array", items: { type: "string", format: "int64" } },
      },
    },
  ],
  [
    "global parameters are referenced, except those the runtime owns",
    {
      given: miniDoc(
        { list: { httpMethod: "GET" } },
        {},
        {
          parameters: {
            alt: { location: "query", type: "string", enum: ["json", "media"], default: "json" },
            prettyPrint: { location: "query", type: "boolean", default: "true" },
            "$.xgafv": { location: "query", type: "string", enum: ["1", "2"] },
            access_token: { location: "query", type: "string" },
            key: { location: "query", type: "string" },
            oauth_token: { location: "query", type: "string" },
            callback: { location: "query", type: "string" },
          },
        },
      ),
      pick: (d) => [op(d, "/v1/things:list", "get").parameters, d.components.parameters],
      want: [
        [
          { $ref: "#/components/parameters/global.alt" },
          { $ref: "#/components/parameters/global.prettyPrint" },
          { $ref: "#/components/parameters/global._.xgafv" },
        ],
        {
          "global.alt": {
            name: "alt",
            in: "query",
            schema: { type: "string", enum: ["json", "media"], default: "json" },
          },
          "global.prettyPrint": {
            name: "prettyPrint",
            in: "query",
            schema: { type: "boolean", default: true },
          },
          "global._.xgafv": {
            name: "$.xgafv",
            in: "query",
            schema: { type: "string", enum: ["1", "2"] },
          },
        },
      ],
    },
  ],
  [
    "schemas: any → {}, int64 stays string, maps, recursive refs, enums, readOnly, deprecated",
    {
      given: miniDoc(
        {},
        {
          Node: {
            id: "Node",
            type: "object",
            properties: {
              value: { type: "any" },
              size: { type: "string", format: "int64" },
              labels: { type: "object", additionalProperties: { type: "string" } },
              children: { type: "array", items: { $ref: "Node" } },
              kind: { type: "string", enum: ["A", "B"] },
              etag: { type: "string", readOnly: true },
              old: { type: "integer", format: "int32", deprecated: true },
            },
          },
        },
      ),
      pick: (d) => d.components.schemas.Node,
      want: {
        type: "object",
        properties: {
          value: {},
          size: { type: "string", format: "int64" },
          labels: { type: "object", additionalProperties: { type: "string" } },
          children: { type: "array", items: { $ref: "#/components/schemas/Node" } },
          kind: { type: "string", enum: ["A", "B"] },
          etag: { type: "string", readOnly: true },
          old: { type: "integer", format: "int32", deprecated: true },
        },
      },
    },
  ],
  [
    "request body: required with fields, optional for an empty message",
    {
      given: miniDoc(
        { reset: { request: { $ref: "Empty" } }, initiate: { request: { $ref: "Full" } } },
        {
          Empty: { id: "Empty", type: "object", properties: {} },
          Full: { id: "Full", type: "object", properties: { a: { type: "string" } } },
        },
      ),
      pick: (d) => [
        op(d, "/v1/things:reset").requestBody?.required,
        op(d, "/v1/things:initiate").requestBody?.required,
      ],
      want: [false, true],
    },
  ],
  [
    "responses: 200 JSON (an empty object when none is declared) and the Google error as default",
    {
      given: miniDoc({ reset: {} }),
      pick: (d) => op(d, "/v1/things:reset").responses,
      want: {
        "200": {
          description: "Successful response",
          content: { "application/json": { schema: { type: "object" } } },
        },
        default: { $ref: "#/components/responses/google.rpc.Error" },
      },
    },
  ],
  [
    "the error envelope is declared once: { error: { code, message, status, details[] } }",
    {
      given: miniDoc(),
      pick: (d) => [
        d.components.schemas["google.rpc.ErrorResponse"]?.properties,
        Object.keys(d.components.schemas["google.rpc.Status"]?.properties ?? {}),
      ],
      want: [
        { error: { $ref: "#/components/schemas/google.rpc.Status" } },
        ["code", "message", "status", "details"],
      ],
    },
  ],
  [
    "media download adds an alt=media binary response",
    {
      given: miniDoc({ get: { httpMethod: "GET", supportsMediaDownload: true } }),
      pick: (d) => Object.keys(op(d, "/v1/things:get", "get").responses["200"] ?? {}),
      want: ["description", "content"],
    },
  ],
  [
    "media upload adds an operation on the upload path with a binary body",
    {
      given: miniDoc({
        insert: {
          supportsMediaUpload: true,
          mediaUpload: {
            accept: ["image/*"],
            protocols: { simple: { path: "/upload/v1/things" } },
          },
        },
      }),
      pick: (d) => [
        op(d, "/upload/v1/things").operationId,
        op(d, "/upload/v1/things").requestBody?.content,
      ],
      want: [
        "demo.things.insert.upload",
        { "image/*": { schema: { type: "string", format: "binary" } } },
      ],
    },
  ],
  [
    "deprecated methods and parameters stay deprecated",
    {
      given: miniDoc({
        old: {
          deprecated: true,
          parameters: { q: { location: "query", type: "string", deprecated: true } },
        },
      }),
      pick: (d) => [op(d, "/v1/things:old").deprecated, op(d, "/v1/things:old").parameters[0]],
      want: [true, { name: "q", in: "query", deprecated: true, schema: { type: "string" } }],
    },
  ],
];

describe("Discovery → OpenAPI rules", () => {
  for (const [name, { given, pick, want }] of cases) {
    test(name, () => {
      // Through the parser, so every fragment is also a valid document.
      const doc = parseDiscovery(JSON.stringify(given));
      assert.deepEqual(pick(toOpenApi(doc)), want);
    });
  }

  test("media download response lists JSON and octet-stream", () => {
    const doc = miniDoc({ get: { httpMethod: "GET", useMediaDownloadService: true } });
    const content = toOpenApi(doc).paths["/v1/things:get"]?.get?.responses["200"];
    assert.ok(content && "content" in content, "200 response has content");
    assert.deepEqual(Object.keys(content.content ?? {}), [
      "application/json",
      "application/octet-stream",
    ]);
  });

  test("two methods on one path and verb are an error, not a silent overwrite", () => {
    const doc = miniDoc({
      a: { path: "v1/things", httpMethod: "GET" },
      b: { path: "v1/things", httpMethod: "GET" },
    });
    assert.throws(() => toOpenApi(doc), /GET \/v1\/things is already used by demo\.things\.a/);
  });

  test("no path key keeps a {+ operator and nothing is nullable", () => {
    const doc = miniDoc({
      get: { httpMethod: "GET", path: "v1/{+name}", parameters: { name: NAME } },
    });
    const openapi = toOpenApi(doc);
    assert.deepEqual(
      Object.keys(openapi.paths).filter((k) => k.includes("{+")),
      [],
    );
    const text = JSON.stringify(openapi);
    assert.equal(/"null"|nullable/.test(text), false, "no null types");
  });
});
