/**
 * An emulator on 127.0.0.1:0 with a token for some resources and a client for it, torn down
 * with the test; plus small readers of its request log.
 */

import type { TestContext } from "node:test";
import { createDataPortabilityClient } from "../../../src/client.js";
import {
  type RunningEmulator,
  type StartEmulatorOptions,
  startEmulator,
} from "../../../src/emulator/index.js";

export interface EmulatorSetup {
  running: RunningEmulator;
  token: string;
  client: ReturnType<typeof createDataPortabilityClient>;
}

export async function emulatorWithToken(
  t: TestContext,
  resources: readonly string[],
  options: StartEmulatorOptions = {},
): Promise<EmulatorSetup> {
  const running = await startEmulator({ seed: 7, pollsUntilComplete: 2, ...options });
  t.after(() => running.close());
  const { accessToken } = running.emulator.issueToken({ resources });
  const client = createDataPortabilityClient({
    auth: accessToken,
    baseUrl: running.url,
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
  });
  return { running, token: accessToken, client };
}

/** How many requests of the log hit `target` (an operation id's last part, or `download`). */
export function countTarget(running: RunningEmulator, target: string): number {
  return running.emulator.requests.filter(
    (r) => r.target === target || r.target.endsWith(`.${target}`),
  ).length;
}
