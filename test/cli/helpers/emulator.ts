/** An emulator served in the test process, so tests can read its request log and script it. */
import type { TestContext } from "node:test";
import {
  type RunningEmulator,
  type StartEmulatorOptions,
  startEmulator,
} from "../../../src/emulator/index.js";

export async function serveEmulator(
  options: StartEmulatorOptions = {},
  t?: TestContext,
): Promise<RunningEmulator> {
  const running = await startEmulator(options);
  t?.after(() => running.close());
  return running;
}

/** CLI environment for `running`: its URL and a fresh one-time token for `resources`. */
export function cliEnv(
  running: RunningEmulator,
  home: string,
  resources: readonly string[] = ["myactivity.youtube", "maps.starred_places"],
): Record<string, string> {
  const { accessToken } = running.emulator.issueToken({ resources });
  return {
    XDG_CONFIG_HOME: home,
    DATAPORTABILITY_BASE_URL: running.url,
    DATAPORTABILITY_ACCESS_TOKEN: accessToken,
  };
}

/** Starts a job straight on the emulator (the test's own call, not the CLI's). */
export async function initiateJob(
  running: RunningEmulator,
  env: Record<string, string>,
): Promise<string> {
  const response = await fetch(`${running.url}/v1/portabilityArchive:initiate`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${env.DATAPORTABILITY_ACCESS_TOKEN}`,
      "content-type": "application/json",
    },
    body: JSON.stringify({ resources: ["myactivity.youtube"] }),
  });
  const body = (await response.json()) as { archiveJobId?: string };
  if (!response.ok || !body.archiveJobId) {
    throw new Error(`initiate failed: ${response.status} ${JSON.stringify(body)}`);
  }
  return body.archiveJobId;
}

/** Reads a job's state once (each read counts as a poll on the emulator). */
export async function jobState(
  running: RunningEmulator,
  env: Record<string, string>,
  jobId: string,
): Promise<string> {
  const response = await fetch(`${running.url}/v1/archiveJobs/${jobId}/portabilityArchiveState`, {
    headers: { authorization: `Bearer ${env.DATAPORTABILITY_ACCESS_TOKEN}` },
  });
  const body = (await response.json()) as { state?: string };
  return body.state ?? `HTTP ${response.status}`;
}
