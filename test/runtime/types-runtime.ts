/**
 * Type-level tests for the runtime: `tsc --noEmit -p .` must accept every line, and each
 * `@ts-expect-error` must be needed (misuse that has to fail to compile). Never run.
 */

import type { AuthPlus, GoogleAuth, OAuth2Client } from "googleapis-common";
import { createDataPortabilityClient, type DataPortabilityClient } from "../../src/client.js";
import {
  type AccessTypes,
  getArchiveState,
  type InitiateArchiveResult,
  initiateArchive,
  type PortabilityArchiveState,
} from "../../src/methods/index.js";

declare const oauth2: OAuth2Client;
declare const googleAuth: GoogleAuth;
declare const authPlus: AuthPlus;

export async function typeTests(): Promise<void> {
  const v1: DataPortabilityClient = createDataPortabilityClient({ auth: "token" });
  const beta: DataPortabilityClient<"v1beta"> = createDataPortabilityClient({
    auth: oauth2,
    version: "v1beta",
  });
  createDataPortabilityClient({ auth: googleAuth });
  createDataPortabilityClient({ auth: authPlus });
  createDataPortabilityClient({ auth: async () => "token" });
  createDataPortabilityClient({ auth: ({ forceRefresh }) => (forceRefresh ? "new" : "old") });
  // @ts-expect-error auth is required
  createDataPortabilityClient({});
  // @ts-expect-error a number is no credential
  createDataPortabilityClient({ auth: 42 });
  // @ts-expect-error there is no v2
  createDataPortabilityClient({ auth: "t", version: "v2" });

  // Paths are typed per version.
  await v1.POST("/v1/authorization:reset");
  await beta.POST("/v1beta/authorization:reset");
  // @ts-expect-error a v1 client has no v1beta paths
  await v1.POST("/v1beta/authorization:reset");
  // @ts-expect-error the path parameter is required
  await v1.GET("/v1/archiveJobs/{archiveJobsId}/portabilityArchiveState");
  // Per-request retry override through the request options.
  await v1.GET("/v1/archiveJobs/{archiveJobsId}/portabilityArchiveState", {
    params: { path: { archiveJobsId: "j" } },
    retry: { attempts: 2 },
    timeoutMs: 5000,
  });

  const started: InitiateArchiveResult = await initiateArchive(v1, {
    resources: ["myactivity.youtube", "maps.starred_places"],
    startTime: new Date(),
    endTime: "2025-01-01T00:00:00Z",
  });
  const id: string = started.archiveJobId;
  await initiateArchive(beta, { resources: ["chrome.history"] });
  // @ts-expect-error misspelt field
  await initiateArchive(v1, { resources: ["myactivity.youtube"], startTme: new Date() });
  // @ts-expect-error unknown resource name
  await initiateArchive(v1, { resources: ["myactivity.tiktok"] });
  // @ts-expect-error resources is required
  await initiateArchive(v1, { startTime: new Date() });
  // @ts-expect-error a number is not a time
  await initiateArchive(v1, { resources: ["maps.reviews"], endTime: 1700000000 });

  const state: PortabilityArchiveState = await getArchiveState(v1, id, {
    signal: AbortSignal.timeout(1),
  });
  const s: "STATE_UNSPECIFIED" | "IN_PROGRESS" | "COMPLETE" | "FAILED" | "CANCELLED" | undefined =
    state.state;
  void s;
  const access: AccessTypes = { oneTimeResources: [], timeBasedResources: [] };
  void access;
}
