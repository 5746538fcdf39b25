/**
 * Type-level tests of the generated v1 types with openapi-fetch: compiled by
 * `npx tsc --noEmit -p .`, never run. Each `@ts-expect-error` is a misuse that must not compile.
 */
import createClient from "openapi-fetch";
import type { components, operations, paths } from "../../generated/dataportability.v1.js";
import {
  OPERATIONS,
  type OperationInfo,
  RESOURCES,
  type Resource,
  SCOPES,
  scopeFor,
} from "../../generated/dataportability.v1.operations.js";
import type { paths as V1BetaPaths } from "../../generated/dataportability.v1beta.js";

const client = createClient<paths>({ baseUrl: "http://127.0.0.1:1" });
const path = { archiveJobsId: "abc" };

export async function correctCalls(): Promise<void> {
  // An empty request message: no body, and no init object at all.
  await client.POST("/v1/authorization:reset");
  await client.POST("/v1/authorization:reset", {});
  await client.POST("/v1/accessType:check");
  await client.POST("/v1/portabilityArchive:initiate", {
    body: { resources: ["myactivity.youtube"], startTime: "2024-01-01T00:00:00Z" },
  });
  await client.POST("/v1/archiveJobs/{archiveJobsId}:retry", { params: { path } });
  await client.POST("/v1/archiveJobs/{archiveJobsId}:cancel", { params: { path } });
  const { data, error } = await client.GET(
    "/v1/archiveJobs/{archiveJobsId}/portabilityArchiveState",
    { params: { path, query: { fields: "state,urls", prettyPrint: false } } },
  );
  const state:
    | "STATE_UNSPECIFIED"
    | "IN_PROGRESS"
    | "COMPLETE"
    | "FAILED"
    | "CANCELLED"
    | undefined = data?.state;
  const urls: string[] | undefined = data?.urls;
  const code: number | undefined = error?.error.code;
  void [state, urls, code];
}

export async function misuse(): Promise<void> {
  // @ts-expect-error a path that does not exist
  await client.POST("/v1/authorization:revoke");
  // @ts-expect-error the {+name} form is not a path key
  await client.POST("/v1/{+name}:retry", { params: { path: { name: "archiveJobs/abc" } } });
  // @ts-expect-error archiveJobsId is required
  await client.POST("/v1/archiveJobs/{archiveJobsId}:retry");
  // @ts-expect-error archiveJobsId is required
  await client.POST("/v1/archiveJobs/{archiveJobsId}:cancel", { params: { path: {} } });
  // @ts-expect-error reset is a POST, not a GET
  await client.GET("/v1/authorization:reset");
  // @ts-expect-error the state is read with GET
  await client.POST("/v1/archiveJobs/{archiveJobsId}/portabilityArchiveState", {
    params: { path },
  });
  // @ts-expect-error initiate needs a body
  await client.POST("/v1/portabilityArchive:initiate");
  await client.POST("/v1/portabilityArchive:initiate", {
    // @ts-expect-error resources is a list of names
    body: { resources: "myactivity.youtube" },
  });
}

// The operations table keeps literal types.
const reset: OperationInfo = OPERATIONS["dataportability.authorization.reset"];
const body: "optional" = OPERATIONS["dataportability.authorization.reset"].requestBody;
const retryIdempotent: false = OPERATIONS["dataportability.archiveJobs.retry"].idempotent;
const cancelIdempotent: true = OPERATIONS["dataportability.archiveJobs.cancel"].idempotent;
const verb: "GET" = OPERATIONS["dataportability.archiveJobs.getPortabilityArchiveState"].httpMethod;
void [reset, body, retryIdempotent, cancelIdempotent, verb];

const resource: Resource = "myactivity.youtube";
// @ts-expect-error not a resource name
const notResource: Resource = "myactivity.everything";
// @ts-expect-error a full scope URL is not a resource name
scopeFor("https://www.googleapis.com/auth/dataportability.myactivity.youtube");
const scope: string = scopeFor(resource);
const first: Resource | undefined = RESOURCES[0];
const allScopes: readonly string[] = SCOPES;
void [notResource, scope, first, allScopes];

// Schemas are reachable by name, errors included.
type State = components["schemas"]["PortabilityArchiveState"];
type GoogleError = components["schemas"]["google.rpc.ErrorResponse"];
type Initiate = operations["dataportability.portabilityArchive.initiate"];
const partial: State = { state: "IN_PROGRESS" };
const googleError: GoogleError = {
  error: { code: 429, message: "slow down", status: "RESOURCE_EXHAUSTED" },
};
const initiateBody: Initiate["requestBody"]["content"]["application/json"] = { resources: [] };
void [partial, googleError, initiateBody];

// v1beta has its own paths and lacks the newer methods.
const beta = createClient<V1BetaPaths>({ baseUrl: "http://127.0.0.1:1" });
export async function betaCalls(): Promise<void> {
  await beta.POST("/v1beta/authorization:reset");
  await beta.POST("/v1beta/archiveJobs/{archiveJobsId}:retry", { params: { path } });
  // @ts-expect-error accessType:check is not in v1beta
  await beta.POST("/v1beta/accessType:check");
  // @ts-expect-error v1 paths are not v1beta paths
  await beta.POST("/v1/authorization:reset");
}
