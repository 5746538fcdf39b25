/**
 * Options of `downloadArchive`, documented once, normalised once.
 * @module
 */

import type { Backoff } from "./backoff.js";
import { checkNumber } from "./check-number.js";
import type { ArchiveSource } from "./download.js";
import type { ArchiveFile } from "./download-file.js";
import { httpGet } from "./http-get.js";
import { type OpenPartFile, openPartFileOnDisk } from "./part-file.js";
import type { DownloadProgress, ProgressListener } from "./progress.js";
import { type FetchRequest, fetchGet, type StorageGet } from "./storage-response.js";

export type { FetchRequest };

/** How downloads retry network faults and 408/429/5xx answers. */
export interface DownloadRetryOptions {
  /**
   * Failed attempts in a row (without a new byte on disk) before giving up on a file.
   * @default 5
   */
  attempts?: number;
  /** First wait in ms; grows ×2 per failure, with ±20 % jitter. @default 500 */
  baseDelayMs?: number;
  /** Longest wait in ms, also the cap for a server's Retry-After. @default 15000 */
  maxDelayMs?: number;
}

export interface DownloadOptions {
  /** Directory for the files; created if missing. Must be writable. */
  dir: string;
  /** Stops all transfers at once; `.part` files stay for a resume. */
  signal?: AbortSignal | undefined;
  /** Files transferred at the same time. @default 2 */
  concurrency?: number | undefined;
  /** Progress events for each file. */
  onProgress?: ProgressListener<DownloadProgress> | undefined;
  /**
   * Returns the job's current state (or its URLs) when a signed URL has expired (storage
   * answered 400/403). Concurrent expiries share one call; a file asks again only after it
   * wrote bytes with the URL of the last call. `exportArchive` sets
   * it to a `getArchiveState` call. Without it an expired URL is an error.
   */
  refresh?: ((signal: AbortSignal) => Promise<ArchiveSource>) | undefined;
  /** Job id, copied into progress events. */
  jobId?: string | undefined;
  /**
   * Files finished by an earlier run (from `export.json`): skipped when the file is on disk
   * with the recorded size.
   */
  completed?: readonly ArchiveFile[] | undefined;
  /** Called after each file was verified and renamed, e.g. to record it in a manifest. */
  onFile?: ((file: ArchiveFile) => void | Promise<void>) | undefined;
  /** Retry policy for network faults and 408/429/5xx. */
  retry?: DownloadRetryOptions | undefined;
  /**
   * A fetch for signed URLs, called with a `Request` (an emulator's handler works), for
   * custom transports and tests. Never the API client itself: signed URLs must not receive
   * the Authorization header. Redirects are not followed (a 3xx is an error).
   * @default a built-in HTTP/1.1 client on `net`/`tls` that reads into reused buffers, which
   * keeps a download's memory a few MB where `fetch` holds tens of MB of spent buffers
   */
  fetch?: FetchRequest | undefined;
  /**
   * With the built-in client: a connection that delivers no data for this long is dropped
   * and the download retried from the last byte written. Ignored with `fetch`.
   * @default 60000
   */
  idleTimeoutMs?: number | undefined;
  /**
   * Opens `.part` files. For other storage, and to simulate a full disk in tests.
   * @default a local file handle
   */
  openPartFile?: OpenPartFile | undefined;
}

/** {@link DownloadOptions} with every default applied. */
export interface NormalizedDownloadOptions {
  dir: string;
  signal: AbortSignal | undefined;
  concurrency: number;
  onProgress: ProgressListener<DownloadProgress> | undefined;
  refresh: ((signal: AbortSignal) => Promise<ArchiveSource>) | undefined;
  jobId: string | undefined;
  completed: ReadonlyMap<string, ArchiveFile>;
  onFile: ((file: ArchiveFile) => void | Promise<void>) | undefined;
  retry: Backoff & { attempts: number };
  get: StorageGet;
  openPartFile: OpenPartFile;
}

/** @throws DataPortabilityError kind "usage" naming a numeric option that is out of range. */
export function normalizeDownloadOptions(o: DownloadOptions): NormalizedDownloadOptions {
  const idleTimeoutMs = checkNumber("idleTimeoutMs", o.idleTimeoutMs, 60_000, {
    min: 0,
    inclusive: false,
  });
  return {
    dir: o.dir,
    signal: o.signal,
    concurrency: checkNumber("concurrency", o.concurrency, 2, { min: 1, integer: true }),
    onProgress: o.onProgress,
    refresh: o.refresh,
    jobId: o.jobId,
    completed: new Map((o.completed ?? []).map((f) => [f.name, f])),
    onFile: o.onFile,
    retry: {
      attempts: checkNumber("retry.attempts", o.retry?.attempts, 5, { min: 0, integer: true }),
      initialMs: checkNumber("retry.baseDelayMs", o.retry?.baseDelayMs, 500, { min: 0 }),
      factor: 2,
      maxMs: checkNumber("retry.maxDelayMs", o.retry?.maxDelayMs, 15_000, { min: 0 }),
      jitter: 0.2,
    },
    get: o.fetch ? fetchGet(o.fetch) : httpGet(idleTimeoutMs),
    openPartFile: o.openPartFile ?? openPartFileOnDisk,
  };
}
