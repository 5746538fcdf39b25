/**
 * `createEmulator`: the whole emulator as a `(Request) => Promise<Response>` handler plus the
 * state and controls tests need: token shortcut, request log, fault script, clock. Routing is
 * in routes.ts; this module applies faults around it, logs, and never lets an error escape.
 * @module
 */

import { randomBytes } from "node:crypto";
import type { ApiRequestContext } from "./api-request.js";
import { type ArchiveFileInfo, ArchiveRegistry } from "./archive-registry.js";
import { readCappedText } from "./body.js";
import { applyBodyFaults } from "./body-stream.js";
import { createClock, type EmulatorClock } from "./clock.js";
import { isKnownResource, SCOPE_PREFIX } from "./documents.js";
import { FaultInjector, statusFaultResponse } from "./faults.js";
import { googleError } from "./google-error.js";
import { JobStore } from "./jobs.js";
import type { PendingCode } from "./oauth-authorize.js";
import { type EmulatorOptions, type NormalizedOptions, normalizeOptions } from "./options.js";
import type { RequestLogEntry } from "./request-log.js";
import { routeRequest } from "./routes.js";
import { type AccessType, type IssuedTokens, TokenStore } from "./tokens.js";

/** What the handler decided: an answer, or a connection to drop (the HTTP server does that). */
export type HandleResult =
  | { kind: "response"; response: Response }
  | { kind: "drop"; when: "before-body" | "after-body" };

export interface IssueTokenOptions {
  resources: readonly string[];
  /** @default the emulator's `accessType` option ("one-time") */
  accessType?: AccessType;
  /** @default "emulator-client" */
  clientId?: string;
}

export interface Emulator {
  /** The emulator as a fetch function (a dropped connection rejects like fetch does). */
  fetch(input: Request | string | URL, init?: RequestInit): Promise<Response>;
  /** Lower level than `fetch`: tells a drop apart from an answer. */
  handle(request: Request): Promise<HandleResult>;
  /** A consent without the browser dance: tokens for `resources`. */
  issueToken(options: IssueTokenOptions): IssuedTokens;
  /** The zips of a COMPLETE job with their sizes and hashes ([] while it is not complete). */
  archiveFiles(jobId: string): ArchiveFileInfo[];
  /** Requests handled, in order (the most recent 100 000). */
  readonly requests: RequestLogEntry[];
  /** Fault script controls (replace or extend the script at run time). */
  readonly faults: FaultInjector;
  /** The emulator clock; `clock.advance(ms)` moves time on (token and URL expiry, 24 h limit). */
  readonly clock: EmulatorClock;
  /** Makes the next `count` jobs end FAILED. */
  failNextJobs(count: number): void;
  /** Normalised options in force. */
  readonly options: Readonly<NormalizedOptions>;
}

/** Most entries kept in `requests`. */
const LOG_LIMIT = 100_000;

/** What `fetch` rejects with when a fault drops the connection. */
function networkError(): TypeError {
  const cause = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
  return new TypeError("fetch failed", { cause });
}

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const opts = normalizeOptions(options);
  const clock = createClock(opts.now);
  const secret = randomBytes(32);
  const tokens = new TokenStore(clock, opts.accessTokenTtlSeconds, opts.timeBasedGrantMs);
  const jobs = new JobStore(clock, opts, opts.seed);
  const archives = new ArchiveRegistry(opts, jobs, secret, clock);
  const injector = new FaultInjector(opts.faults, opts.randomFaults, opts.seed);
  const codes = new Map<string, PendingCode>();
  const requests: RequestLogEntry[] = [];
  const oauth = {
    clock,
    codes,
    tokens,
    scopePrefix: SCOPE_PREFIX,
    maxBodyBytes: opts.maxBodyBytes,
  };
  const api: ApiRequestContext = {
    tokens,
    jobs,
    now: clock.now,
    isResource: isKnownResource,
    maxRetries: opts.maxRetries,
    signedUrls: (job, origin) => archives.signedUrls(job, origin),
    forgetArchives: (job) => archives.forget(job),
    maxBodyBytes: opts.maxBodyBytes,
  };

  async function answer(request: Request, log: RequestLogEntry): Promise<HandleResult> {
    const routed = routeRequest(request, log.path, { opts, oauth, api, archives, secret });
    if (routed instanceof Response) {
      return { kind: "response", response: routed };
    }
    const { attempt, faults } = injector.next(routed.target);
    Object.assign(log, { target: routed.target, attempt, faults: faults.map((f) => f.kind) });
    const drop = faults.find((f) => f.kind === "drop");
    if (drop?.kind === "drop") {
      if (drop.when === "after-body") {
        await readCappedText(request, opts.maxBodyBytes);
      }
      return { kind: "drop", when: drop.when };
    }
    const status = faults.find((f) => f.kind === "status");
    const response =
      status?.kind === "status"
        ? statusFaultResponse(status, routed.target)
        : await routed.run(faults);
    return {
      kind: "response",
      response: routed.target === "download" ? response : await applyBodyFaults(response, faults),
    };
  }

  async function handle(request: Request): Promise<HandleResult> {
    const url = new URL(request.url);
    const log: RequestLogEntry = {
      method: request.method,
      path: url.pathname,
      target: "unknown",
      attempt: 0,
      status: 0,
      faults: [],
    };
    if (requests.length >= LOG_LIMIT) {
      // A long-running emulator forgets its oldest entries rather than grow without bound.
      requests.splice(0, LOG_LIMIT / 10);
    }
    requests.push(log);
    let result: HandleResult;
    try {
      result = await answer(request, log);
    } catch (error) {
      // A bug must not take the emulator down: answer 500 and keep the state.
      const message = error instanceof Error ? error.message : String(error);
      result = {
        kind: "response",
        response: googleError({ status: "INTERNAL", message: `Emulator error: ${message}` }),
      };
    }
    log.status = result.kind === "response" ? result.response.status : 0;
    return result;
  }

  return {
    async fetch(input, init) {
      const request =
        input instanceof Request && init === undefined
          ? input
          : new Request(
              typeof input === "string" && input.startsWith("/")
                ? `http://emulator.local${input}`
                : input,
              init,
            );
      const result = await handle(request);
      if (result.kind === "drop") {
        throw networkError();
      }
      return result.response;
    },
    handle,
    issueToken(o) {
      const unknown = o.resources.find((r) => !isKnownResource(r));
      if (unknown !== undefined) {
        throw new RangeError(`issueToken: unknown resource group "${unknown}".`);
      }
      const grant = tokens.createGrant(
        o.resources,
        o.accessType ?? opts.accessType,
        o.clientId ?? "emulator-client",
      );
      return tokens.issue(grant);
    },
    archiveFiles: (jobId) => archives.describe(jobId),
    requests,
    faults: injector,
    clock,
    failNextJobs: (n) => jobs.failNext(n),
    options: opts,
  };
}
