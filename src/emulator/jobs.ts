/**
 * Archive jobs and their state machine: IN_PROGRESS → COMPLETE | FAILED, or CANCELLED by
 * `cancel` while still IN_PROGRESS. A job leaves IN_PROGRESS on a read after enough polls or
 * enough emulator-clock time, whichever comes first, so tests can be exact without sleeping.
 * @module
 */

import type { EmulatorClock } from "./clock.js";
import { seededUuid } from "./seeded.js";
import type { AccessType } from "./tokens.js";

export type JobState = "IN_PROGRESS" | "COMPLETE" | "FAILED" | "CANCELLED";

/** What `jobOutcome` is told about a job when it is created. */
export interface JobOutcomeInput {
  jobId: string;
  resources: readonly string[];
  /** 0 for the first job of the emulator, 1 for the next… */
  index: number;
  /** The failed job this one retries, if any. */
  retryOf: string | undefined;
}

export interface Job {
  id: string;
  index: number;
  grantId: string;
  resources: readonly string[];
  accessType: AccessType;
  createdAt: number;
  /** RFC 3339 as sent in the initiate request, if any. */
  startTime: string | undefined;
  endTime: string | undefined;
  state: JobState;
  polls: number;
  outcome: "COMPLETE" | "FAILED";
  retryOf: string | undefined;
  /** How many retries led to this job (0 for an initiated job). */
  retryDepth: number;
  /** Archives dropped by authorization:reset (their URLs then answer 404). */
  archivesForgotten: boolean;
}

export interface JobTiming {
  pollsUntilComplete: number;
  completeAfterMs: number;
  jobOutcome: ((job: JobOutcomeInput) => "COMPLETE" | "FAILED") | undefined;
}

export interface NewJob {
  grantId: string;
  resources: readonly string[];
  accessType: AccessType;
  startTime: string | undefined;
  endTime: string | undefined;
  retryOf?: Job;
}

export class JobStore {
  readonly #jobs = new Map<string, Job>();
  readonly #clock: EmulatorClock;
  readonly #timing: JobTiming;
  readonly #seed: string;
  #failNext = 0;

  constructor(clock: EmulatorClock, timing: JobTiming, seed: string) {
    this.#clock = clock;
    this.#timing = timing;
    this.#seed = seed;
  }

  /** Makes the next `count` jobs (initiated or retried) end FAILED. */
  failNext(count: number): void {
    this.#failNext += count;
  }

  create(input: NewJob): Job {
    const index = this.#jobs.size;
    const id = seededUuid(this.#seed, "job", index);
    let outcome: "COMPLETE" | "FAILED" =
      this.#timing.jobOutcome?.({
        jobId: id,
        resources: input.resources,
        index,
        retryOf: input.retryOf?.id,
      }) ?? "COMPLETE";
    if (this.#failNext > 0) {
      this.#failNext--;
      outcome = "FAILED";
    }
    const job: Job = {
      id,
      index,
      grantId: input.grantId,
      resources: [...input.resources],
      accessType: input.accessType,
      createdAt: this.#clock.now(),
      startTime: input.startTime,
      endTime: input.endTime,
      state: "IN_PROGRESS",
      polls: 0,
      outcome,
      retryOf: input.retryOf?.id,
      retryDepth: input.retryOf === undefined ? 0 : input.retryOf.retryDepth + 1,
      archivesForgotten: false,
    };
    this.#jobs.set(id, job);
    return job;
  }

  get(id: string): Job | undefined {
    const job = this.#jobs.get(id);
    if (job !== undefined) {
      this.#advance(job);
    }
    return job;
  }

  /** Counts a state read and lets the job move on if its time has come. */
  poll(job: Job): Job {
    job.polls++;
    this.#advance(job);
    return job;
  }

  #advance(job: Job): void {
    if (job.state !== "IN_PROGRESS") {
      return;
    }
    const elapsed = this.#clock.now() - job.createdAt;
    if (job.polls >= this.#timing.pollsUntilComplete || elapsed >= this.#timing.completeAfterMs) {
      job.state = job.outcome;
    }
  }

  /** Cancels an IN_PROGRESS job; false when it has already finished. */
  cancel(job: Job): boolean {
    this.#advance(job);
    if (job.state !== "IN_PROGRESS") {
      return false;
    }
    job.state = "CANCELLED";
    return true;
  }

  /** Jobs created under `grantId`, oldest first, with their states brought up to date. */
  forGrant(grantId: string): Job[] {
    const out: Job[] = [];
    for (const job of this.#jobs.values()) {
      if (job.grantId === grantId) {
        this.#advance(job);
        out.push(job);
      }
    }
    return out;
  }

  /** Every job, oldest first (for tests and the CLI). */
  all(): Job[] {
    return [...this.#jobs.values()];
  }
}
