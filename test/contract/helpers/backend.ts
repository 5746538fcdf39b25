/**
 * Where the contract suite runs: against Google when DATAPORTABILITY_BASE_URL and
 * DATAPORTABILITY_TOKEN are set (a person with credentials), otherwise against a fresh emulator
 * on a loopback port. The client is plain openapi-fetch typed by the generated `paths`, with a
 * Bearer header middleware, so the suite checks the API contract and nothing of ours.
 */

import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../../../generated/dataportability.v1.js";
import { type Emulator, type RunningEmulator, startEmulator } from "../../../src/emulator/index.js";

export type ApiClient = Client<paths>;

export interface Backend {
  /** True when pointed at the real API; emulator-only checks are skipped then. */
  remote: boolean;
  baseUrl: string;
  /** A client carrying `token`. */
  client(token: string): ApiClient;
  /** A token granting `resources` (remote: the token from the environment, whatever it grants). */
  token(resources: readonly string[], accessType?: "one-time" | "time-based"): string;
  /** Resources to export (remote: DATAPORTABILITY_RESOURCES, default myactivity.youtube). */
  resources: string[];
  emulator: Emulator | undefined;
  close(): Promise<void>;
}

export function clientFor(baseUrl: string, token: string): ApiClient {
  const client = createClient<paths>({ baseUrl });
  client.use({
    onRequest({ request }) {
      request.headers.set("authorization", `Bearer ${token}`);
      return request;
    },
  });
  return client;
}

export async function openBackend(): Promise<Backend> {
  const baseUrl = process.env.DATAPORTABILITY_BASE_URL;
  const envToken = process.env.DATAPORTABILITY_TOKEN;
  if (baseUrl !== undefined && baseUrl !== "" && envToken !== undefined && envToken !== "") {
    return {
      remote: true,
      baseUrl,
      client: (token) => clientFor(baseUrl, token),
      token: () => envToken,
      resources: (process.env.DATAPORTABILITY_RESOURCES ?? "myactivity.youtube").split(","),
      emulator: undefined,
      close: async () => undefined,
    };
  }
  const running: RunningEmulator = await startEmulator({
    pollsUntilComplete: 2,
    completeAfterMs: 60_000,
  });
  return {
    remote: false,
    baseUrl: running.url,
    client: (token) => clientFor(running.url, token),
    token: (resources, accessType = "one-time") =>
      running.emulator.issueToken({ resources, accessType }).accessToken,
    resources: ["myactivity.youtube"],
    emulator: running.emulator,
    close: () => running.close(),
  };
}

/** The ErrorInfo (first `details` entry) of an openapi-fetch error body. */
export function errorInfo(error: unknown): { reason?: string; metadata?: Record<string, string> } {
  const details = (error as { error?: { details?: unknown[] } } | undefined)?.error?.details;
  return (details?.[0] ?? {}) as { reason?: string; metadata?: Record<string, string> };
}

/** `google.rpc.Status` name of an openapi-fetch error body. */
export function statusOf(error: unknown): string | undefined {
  return (error as { error?: { status?: string } } | undefined)?.error?.status;
}

/** Polls the state until it leaves IN_PROGRESS (remote exports may take long). */
export async function pollUntilDone(client: ApiClient, archiveJobsId: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let wait = 50;
  for (;;) {
    const { data, error } = await client.GET(
      "/v1/archiveJobs/{archiveJobsId}/portabilityArchiveState",
      {
        params: { path: { archiveJobsId } },
      },
    );
    if (error !== undefined || data === undefined) {
      throw new Error(`state read failed: ${JSON.stringify(error)}`);
    }
    if (data.state !== "IN_PROGRESS" || Date.now() > deadline) {
      return data;
    }
    await new Promise((r) => setTimeout(r, wait));
    wait = Math.min(wait * 2, 30_000);
  }
}

/** Initiates an export of `resources` and waits until it has left IN_PROGRESS; returns the job id. */
export async function finishedJob(client: ApiClient, resources: string[]): Promise<string> {
  const { data, error } = await client.POST("/v1/portabilityArchive:initiate", {
    body: { resources },
  });
  if (data?.archiveJobId === undefined) {
    throw new Error(`initiate failed: ${JSON.stringify(error)}`);
  }
  await pollUntilDone(client, data.archiveJobId, 5_000);
  return data.archiveJobId;
}
