/**
 * `--emulator`: an emulator inside this process, logged in through the same loopback + PKCE
 * flow as `login`, with `fetch` playing the browser on the emulator's auto-consent page.
 * Job timing is shortened so a demo export takes seconds.
 * @module
 */
import { RESOURCES, type Resource } from "../../generated/dataportability.v1.operations.js";
import {
  emulatorOAuthEndpoints,
  type StartEmulatorOptions,
  startEmulator,
} from "../emulator/index.js";
import { DataPortabilityError } from "../errors.js";
import type { CommandContext } from "./context.js";
import type { StoredCredentials } from "./credentials.js";
import { loginWithLoopback } from "./oauth-login.js";

export interface EmbeddedEmulator {
  url: string;
  credentials: StoredCredentials;
  close(): Promise<void>;
}

/**
 * The embedded emulator: jobs finish in about two seconds, and archives of 12 MiB in two zips
 * arrive at a few MiB/s, so a demo shows each kind of progress without taking minutes.
 */
export const EMBEDDED_EMULATOR_OPTIONS: StartEmulatorOptions = {
  pollsUntilComplete: 5,
  completeAfterMs: 2000,
  archiveBytes: 12 * 1024 * 1024,
  maxFileBytes: 8 * 1024 * 1024,
  faults: [{ target: "download", fault: { kind: "slow", delayMs: 25, chunkBytes: 256 * 1024 } }],
};

export async function startEmbeddedEmulator(
  context: CommandContext,
  resources: readonly Resource[] = RESOURCES,
): Promise<EmbeddedEmulator> {
  const running = await startEmulator(EMBEDDED_EMULATOR_OPTIONS);
  context.output.trace(`emulator: listening on ${running.url}`);
  try {
    const endpoints = emulatorOAuthEndpoints(running.url);
    const { credentials } = await loginWithLoopback({
      clientId: "dataportability-cli",
      resources,
      endpoints: {
        authUrl: endpoints.oauth2AuthBaseUrl,
        tokenUrl: endpoints.oauth2TokenUrl,
        revokeUrl: endpoints.oauth2RevokeUrl,
      },
      present: (url) => playBrowser(url, context.signal),
      signal: context.signal,
    });
    context.output.trace(`emulator: logged in for ${credentials.resources.length} resources`);
    return { url: running.url, credentials, close: () => running.close() };
  } catch (error) {
    await running.close();
    throw error;
  }
}

/** Does what a browser would: open the consent URL and follow its redirect to our loopback. */
async function playBrowser(url: string, signal: AbortSignal): Promise<void> {
  const response = await fetch(url, { signal, redirect: "follow" });
  await response.arrayBuffer();
  if (!response.ok) {
    throw new DataPortabilityError({
      kind: "auth",
      httpStatus: response.status,
      message: `the embedded emulator's consent page answered ${response.status}; run again with --verbose`,
    });
  }
}
