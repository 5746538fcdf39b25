/**
 * Emulator options, documented with their defaults, and their normalisation (done once).
 * @module
 */

import type { FaultRule, RandomFaults } from "./faults.js";
import type { JobOutcomeInput } from "./jobs.js";
import type { AccessType } from "./tokens.js";

const KIB = 1024;
const MIB = 1024 * KIB;
const GIB = 1024 * MIB;

export interface EmulatorOptions {
  /** Seed for job ids, archive content and random faults: the same seed, the same run. @default 1 */
  seed?: string | number;
  /** State reads after which a job leaves IN_PROGRESS (1 = the first read sees the end state). @default 2 */
  pollsUntilComplete?: number;
  /** Emulator-clock time after initiate when a job leaves IN_PROGRESS even without reads. @default 3000 */
  completeAfterMs?: number;
  /** How each new job ends. @default every job COMPLETE */
  jobOutcome?: (job: JobOutcomeInput) => "COMPLETE" | "FAILED";
  /** Retries allowed along one chain of failed jobs. @default 3 */
  maxRetries?: number;
  /** Total bytes of a job's zips; padding media fills them. @default undefined (only the data files, a few KB) */
  archiveBytes?: number;
  /** Largest zip; a bigger archive is split into several URLs. @default 2 GiB */
  maxFileBytes?: number;
  /** Largest padding media entry inside a zip. @default 64 MiB */
  mediaEntryBytes?: number;
  /** Archives up to this size carry an md5 in `x-goog-hash` (computed once); larger ones only crc32c. @default 64 MiB */
  md5MaxBytes?: number;
  /** Write zip64 records even for small zips (to test readers). @default false */
  zip64?: boolean;
  /** Records per resource in the fake data files. @default 25 */
  recordsPerResource?: number;
  /** Lifetime of signed archive URLs. @default 6 hours */
  urlTtlMs?: number;
  /** Lifetime of access tokens, in seconds. @default 3599 */
  accessTokenTtlSeconds?: number;
  /** Lifetime of a time-based grant, in days. @default 30 */
  timeBasedGrantDays?: number;
  /** Access type the simulated user picks on the consent page unless the auth URL says `emulator_access_type`. @default "one-time" */
  accessType?: AccessType;
  /** Which of the requested resources the simulated user grants. @default all of them */
  grantResources?: (requested: readonly string[]) => readonly string[];
  /** Fault script: which faults hit which attempts of which target. @default [] */
  faults?: readonly FaultRule[];
  /** Seeded random faults on top of the script. @default none */
  randomFaults?: RandomFaults;
  /** Largest request body accepted; larger → 413. @default 65536 */
  maxBodyBytes?: number;
  /** Time source the emulator clock follows. @default Date.now */
  now?: () => number;
  /** Bucket name in signed URLs. @default "dataportability-emulator" */
  bucket?: string;
}

export interface NormalizedOptions {
  seed: string;
  pollsUntilComplete: number;
  completeAfterMs: number;
  jobOutcome: EmulatorOptions["jobOutcome"];
  maxRetries: number;
  archiveBytes: number | undefined;
  maxFileBytes: number;
  mediaEntryBytes: number;
  md5MaxBytes: number;
  zip64: boolean;
  recordsPerResource: number;
  urlTtlMs: number;
  accessTokenTtlSeconds: number;
  timeBasedGrantMs: number;
  accessType: AccessType;
  grantResources: (requested: readonly string[]) => readonly string[];
  faults: readonly FaultRule[];
  randomFaults: RandomFaults | undefined;
  maxBodyBytes: number;
  now: () => number;
  bucket: string;
}

function count(value: number | undefined, fallback: number, name: string, min = 0): number {
  const n = value ?? fallback;
  if (!(n >= min) || Number.isNaN(n)) {
    throw new RangeError(
      `Emulator option ${name} must be a number >= ${min}; got ${String(value)}.`,
    );
  }
  return n;
}

export function normalizeOptions(options: EmulatorOptions = {}): NormalizedOptions {
  return {
    seed: String(options.seed ?? 1),
    pollsUntilComplete: count(options.pollsUntilComplete, 2, "pollsUntilComplete"),
    completeAfterMs: count(options.completeAfterMs, 3000, "completeAfterMs"),
    jobOutcome: options.jobOutcome,
    maxRetries: count(options.maxRetries, 3, "maxRetries"),
    archiveBytes:
      options.archiveBytes === undefined
        ? undefined
        : count(options.archiveBytes, 0, "archiveBytes"),
    maxFileBytes: count(options.maxFileBytes, 2 * GIB, "maxFileBytes", 1),
    mediaEntryBytes: count(options.mediaEntryBytes, 64 * MIB, "mediaEntryBytes", 1),
    md5MaxBytes: count(options.md5MaxBytes, 64 * MIB, "md5MaxBytes"),
    zip64: options.zip64 ?? false,
    recordsPerResource: count(options.recordsPerResource, 25, "recordsPerResource"),
    urlTtlMs: count(options.urlTtlMs, 6 * 60 * 60 * 1000, "urlTtlMs", 1000),
    accessTokenTtlSeconds: count(options.accessTokenTtlSeconds, 3599, "accessTokenTtlSeconds", 1),
    timeBasedGrantMs:
      count(options.timeBasedGrantDays, 30, "timeBasedGrantDays") * 24 * 60 * 60 * 1000,
    accessType: options.accessType ?? "one-time",
    grantResources: options.grantResources ?? ((requested) => requested),
    faults: options.faults ?? [],
    randomFaults: options.randomFaults,
    maxBodyBytes: count(options.maxBodyBytes, 64 * KIB, "maxBodyBytes", 1),
    now: options.now ?? Date.now,
    bucket: options.bucket ?? "dataportability-emulator",
  };
}
