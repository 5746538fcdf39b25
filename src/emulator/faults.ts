/**
 * Fault injection. Each request is an attempt on a target (an operation id such as
 * `dataportability.portabilityArchive.initiate`, or `download`, `token`, `revoke`,
 * `authorize`); attempts are counted per target from 1. A script says which faults hit which
 * attempts; a seeded random plan picks faults as a pure function of (seed, target, attempt).
 * Either way the same script gives the same answers on every run, whatever the timing.
 * @module
 */

import { googleError, statusForHttp } from "./google-error.js";
import { seededUnit } from "./seeded.js";
import { storageError } from "./signed-url.js";

export type Fault =
  /** Answer with this HTTP status (429, 500, 503…) and optionally `Retry-After`. */
  | { kind: "status"; status: number; retryAfterSeconds?: number }
  /** Close the connection before reading the request body, or after reading it. */
  | { kind: "drop"; when: "before-body" | "after-body" }
  /** Send the response body in `chunkBytes` pieces (default 16 KiB) with `delayMs` between them. */
  | { kind: "slow"; delayMs: number; chunkBytes?: number }
  /** Stop the response body after `afterBytes` bytes and close the connection. */
  | { kind: "cut"; afterBytes: number }
  /** Download only: answer as for an expired signed URL. */
  | { kind: "expire-url" }
  /** Download only: answer 200 with the whole object whatever `Range` asked. */
  | { kind: "ignore-range" }
  /** Flip one byte of the body (at `atByte` of the body, default its middle). */
  | { kind: "corrupt"; atByte?: number }
  /** Download only: the object changes (new content and ETag) from this attempt on. */
  | { kind: "change-content" }
  /** API only: the caller's access token expires now, so this call gets 401. */
  | { kind: "expire-token" };

export interface FaultRule {
  /**
   * Operation id, or its last part (`initiate`, `getPortabilityArchiveState`), or `download`,
   * `token`, `revoke`, `authorize`, or `*` for every target.
   */
  target: string;
  /** 1-based attempt numbers on the target; omitted → every attempt. */
  attempts?: readonly number[];
  fault: Fault;
}

export interface RandomFaults {
  /** Probability in [0, 1] that an attempt gets a fault. */
  rate: number;
  /** Faults to choose from, uniformly. */
  faults: readonly Fault[];
  /** Targets affected (same matching as scripts). @default ["*"] */
  targets?: readonly string[];
  /** @default the emulator seed */
  seed?: string | number;
}

function targetMatches(pattern: string, target: string): boolean {
  return pattern === "*" || pattern === target || target.endsWith(`.${pattern}`);
}

export class FaultInjector {
  #script: FaultRule[];
  readonly #random: RandomFaults | undefined;
  readonly #seed: string;
  readonly #attempts = new Map<string, number>();

  constructor(script: readonly FaultRule[], random: RandomFaults | undefined, seed: string) {
    this.#script = [...script];
    this.#random = random;
    this.#seed = String(random?.seed ?? seed);
  }

  /** Replaces the script and restarts attempt counting. */
  setScript(script: readonly FaultRule[]): void {
    this.#script = [...script];
    this.#attempts.clear();
  }

  /** Adds rules to the script (attempt counts go on). */
  add(...rules: FaultRule[]): void {
    this.#script.push(...rules);
  }

  /** Counts an attempt on `target` and returns it with the faults that hit it. */
  next(target: string): { attempt: number; faults: Fault[] } {
    const attempt = (this.#attempts.get(target) ?? 0) + 1;
    this.#attempts.set(target, attempt);
    const faults = this.#script
      .filter((r) => targetMatches(r.target, target))
      .filter((r) => r.attempts === undefined || r.attempts.includes(attempt))
      .map((r) => r.fault);
    const random = this.#random;
    if (random !== undefined && random.faults.length > 0) {
      const targets = random.targets ?? ["*"];
      if (targets.some((t) => targetMatches(t, target))) {
        if (seededUnit(this.#seed, target, attempt, "hit") < random.rate) {
          const i = Math.floor(
            seededUnit(this.#seed, target, attempt, "which") * random.faults.length,
          );
          faults.push(random.faults[i] as Fault);
        }
      }
    }
    return { attempt, faults };
  }
}

/** The answer for a `status` fault, in the target's own error format. */
export function statusFaultResponse(
  fault: Extract<Fault, { kind: "status" }>,
  target: string,
): Response {
  const headers: Record<string, string> =
    fault.retryAfterSeconds === undefined ? {} : { "retry-after": String(fault.retryAfterSeconds) };
  if (target === "download") {
    const code =
      fault.status === 429 ? "SlowDown" : fault.status >= 500 ? "InternalError" : "InvalidRequest";
    const response = storageError(fault.status, code, `Injected fault ${fault.status}.`);
    for (const [k, v] of Object.entries(headers)) {
      response.headers.set(k, v);
    }
    return response;
  }
  const status = statusForHttp(fault.status);
  const extraDetails =
    fault.retryAfterSeconds === undefined
      ? []
      : [
          {
            "@type": "type.googleapis.com/google.rpc.RetryInfo",
            retryDelay: `${fault.retryAfterSeconds}s`,
          },
        ];
  return googleError({
    status,
    httpStatus: fault.status,
    message: `Injected fault: ${status} (HTTP ${fault.status}).`,
    reason: fault.status === 429 ? "RATE_LIMIT_EXCEEDED" : status,
    extraDetails,
    headers,
  });
}
