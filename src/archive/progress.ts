/**
 * Typed progress events of the archive workflow, one shape per phase, so that a progress bar
 * can switch on `phase` and a logger can print any event as JSON.
 * @module
 */

/** Job states as the API reports them (`PortabilityArchiveState.state`). */
export type ArchiveJobState =
  | "STATE_UNSPECIFIED"
  | "IN_PROGRESS"
  | "COMPLETE"
  | "FAILED"
  | "CANCELLED"
  | (string & {});

/** `exportArchive` is starting or reusing a job. */
export interface InitiateProgress {
  phase: "initiate";
  jobId?: string | undefined;
  /**
   * - `check`: checking which resources the token may export;
   * - `created`: a new job was initiated;
   * - `reused`: the API reported an identical job in progress (ALREADY_EXISTS), which is continued;
   * - `resumed`: a job id from the caller or from `export.json` is continued.
   */
  event: "check" | "created" | "reused" | "resumed";
  accessType?: string | undefined;
}

/** One answer of the state endpoint while waiting. */
export interface WaitProgress {
  phase: "wait";
  jobId: string;
  state: ArchiveJobState;
  /** How many times the state was read so far (1 for the first answer). */
  polls: number;
  /** Milliseconds until the next read; absent once the job has finished. */
  nextPollMs?: number | undefined;
}

/** Something happened to one archive file. */
export interface DownloadProgress {
  phase: "download";
  jobId?: string | undefined;
  /** The safe file name inside `dir`. */
  file: string;
  /**
   * - `start`: the first request for this file is about to be sent;
   * - `resume`: a `.part` file is continued with `Range` from `bytes`;
   * - `restart`: the server ignored `Range` or the object changed: starting from byte 0;
   * - `data`: more bytes are on disk;
   * - `retry`: a network fault or a 5xx; trying again from `bytes` after `delayMs`;
   * - `refresh`: the signed URL expired; a fresh one is being fetched;
   * - `mismatch`: the hash did not match; the file is downloaded once more from scratch;
   * - `skip`: already downloaded by an earlier run;
   * - `complete`: verified and renamed to its final name.
   */
  event:
    | "start"
    | "resume"
    | "restart"
    | "data"
    | "retry"
    | "refresh"
    | "mismatch"
    | "skip"
    | "complete";
  /** Bytes of this file on disk. */
  bytes: number;
  /** Size of the whole file when the server said so. */
  totalBytes?: number | undefined;
  /** Why a `restart`, `retry` or `mismatch` happened. */
  reason?: string | undefined;
  /** For `retry`: the wait before the next attempt. */
  delayMs?: number | undefined;
}

/** The export finished: every file is on disk and verified. */
export interface DoneProgress {
  phase: "done";
  jobId?: string | undefined;
  state: ArchiveJobState;
  files: number;
  totalBytes: number;
}

/** Any progress event of `waitForArchive`, `downloadArchive` or `exportArchive`. */
export type ExportProgress = InitiateProgress | WaitProgress | DownloadProgress | DoneProgress;

/** A progress listener; exceptions it throws are ignored so that a broken bar cannot stop a job. */
export type ProgressListener<E extends ExportProgress = ExportProgress> = (event: E) => void;

/** Calls `listener` and swallows what it throws: progress must never break the workflow. */
export function emit<E extends ExportProgress>(
  listener: ProgressListener<E> | undefined,
  event: E,
): void {
  if (listener === undefined) {
    return;
  }
  try {
    listener(event);
  } catch {
    // A progress bar that throws is the caller's bug; the download goes on.
  }
}
