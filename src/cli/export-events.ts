/**
 * Maps the archive workflow's progress events onto the renderer, and remembers what the
 * summary and an interrupted run need: the job id and the finished files.
 * @module
 */
import type { ExportProgress } from "../archive/progress.js";
import type { Output } from "./output.js";
import type { FileSummary, ProgressRenderer } from "./progress.js";

export class ExportTracker {
  jobId: string | undefined;
  readonly files = new Map<string, FileSummary>();
  private readonly fileStarts = new Map<string, number>();
  /** Sizes seen in earlier events: not every event repeats the total. */
  private readonly totals = new Map<string, number>();

  constructor(
    private readonly renderer: ProgressRenderer,
    private readonly output: Output,
  ) {}

  readonly onProgress = (event: ExportProgress): void => {
    if (event.jobId) {
      this.jobId = event.jobId;
    }
    switch (event.phase) {
      case "initiate":
        this.initiate(event.event, event.jobId);
        return;
      case "wait":
        this.renderer.jobState(event.jobId, event.state);
        return;
      case "download":
        this.download(event);
        return;
      case "done":
        return;
    }
  };

  private initiate(event: string, jobId: string | undefined): void {
    const text: Record<string, string> = {
      check: "checking access type…",
      created: `started job ${jobId}`,
      reused: `continuing job ${jobId}, already in progress`,
      resumed: `resuming job ${jobId}`,
    };
    this.renderer.step(text[event] ?? event);
  }

  private download(event: Extract<ExportProgress, { phase: "download" }>): void {
    const { file, bytes } = event;
    if (event.totalBytes !== undefined) {
      this.totals.set(file, event.totalBytes);
    }
    const totalBytes = this.totals.get(file);
    if (!this.fileStarts.has(file)) {
      this.fileStarts.set(file, Date.now());
    }
    switch (event.event) {
      case "complete":
      case "skip":
        this.files.set(file, {
          name: file,
          bytes,
          ms: Date.now() - (this.fileStarts.get(file) ?? 0),
        });
        this.renderer.fileDone(file, bytes, event.event === "skip");
        return;
      case "retry":
      case "refresh":
      case "restart":
      case "mismatch":
        this.output.trace(
          `${file}: ${event.event} at byte ${bytes}${event.reason ? ` (${event.reason})` : ""}${event.delayMs ? `, next try in ${event.delayMs} ms` : ""}`,
        );
        this.renderer.file(file, bytes, totalBytes);
        return;
      default:
        this.renderer.file(file, bytes, totalBytes);
    }
  }
}
