/**
 * A local Data Portability API with its OAuth endpoints, for tests, demos and the CLI's
 * `--emulator` mode: {@link createEmulator} gives a fetch handler, {@link startEmulator}
 * serves it on a loopback port.
 * @module
 */

export type { ArchiveFileInfo } from "./archive-registry.js";
export type { EmulatorClock } from "./clock.js";
export {
  createEmulator,
  type Emulator,
  type HandleResult,
  type IssueTokenOptions,
} from "./emulator.js";
export type { Fault, FaultInjector, FaultRule, RandomFaults } from "./faults.js";
export type { JobOutcomeInput, JobState } from "./jobs.js";
export { type EmulatorOAuthEndpoints, emulatorOAuthEndpoints } from "./oauth-endpoints.js";
export type { EmulatorOptions } from "./options.js";
export type { RequestLogEntry } from "./request-log.js";
export { type RunningEmulator, type StartEmulatorOptions, startEmulator } from "./server.js";
export type { AccessType, IssuedTokens } from "./tokens.js";
