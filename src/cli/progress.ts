/**
 * Draws export progress: a spinner with elapsed time and job state while the job runs, a bar
 * per file while downloading, and a summary table at the end. On a terminal it uses
 * cli-progress; otherwise it prints one plain line per change so logs stay readable.
 * @module
 */
import { type GenericFormatter, MultiBar, type Params, type SingleBar } from "cli-progress";
import { formatBytes, formatDuration, formatTable } from "./format.js";
import type { Output } from "./output.js";

/** One downloaded file, as the summary table shows it. */
export interface FileSummary {
  name: string;
  bytes: number;
  ms?: number | undefined;
}

/** What the export command tells the renderer; see `export-events.ts` for the mapping. */
export interface ProgressRenderer {
  /** A step before the job exists ("checking access type", "starting the export"). */
  step(text: string): void;
  /** The job's latest state while it is polled. */
  jobState(jobId: string, state: string): void;
  /** Bytes of one file so far (`total` when known). */
  file(name: string, bytes: number, total?: number): void;
  /** One file is on disk and verified (`earlier`: by a previous run). */
  fileDone(name: string, bytes: number, earlier?: boolean): void;
  /** Removes live drawings; safe to call twice. */
  stop(): void;
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"] as const;

interface Payload {
  kind: "wait" | "file";
  label: string;
  started: number;
}

export function createProgressRenderer(output: Output): ProgressRenderer {
  if (!output.showsProgress) {
    return { step() {}, jobState() {}, file() {}, fileDone() {}, stop() {} };
  }
  return output.interactive ? new BarRenderer(output) : new LineRenderer(output);
}

/** Lines for pipes and CI: one per step, state change and finished file. */
class LineRenderer implements ProgressRenderer {
  private lastState = "";
  private readonly started = Date.now();
  private readonly fileStarted = new Set<string>();

  constructor(private readonly output: Output) {}

  step(text: string): void {
    this.output.line(text);
  }

  jobState(jobId: string, state: string): void {
    if (state !== this.lastState) {
      this.lastState = state;
      this.output.line(`job ${jobId}: ${state} (${formatDuration(Date.now() - this.started)})`);
    }
  }

  file(name: string, _bytes: number, total?: number): void {
    if (!this.fileStarted.has(name)) {
      this.fileStarted.add(name);
      this.output.line(`downloading ${name}${total ? ` (${formatBytes(total)})` : ""}`);
    }
  }

  fileDone(name: string, bytes: number, earlier = false): void {
    const verb = earlier ? "already downloaded" : "downloaded";
    this.output.line(`${verb} ${name} (${formatBytes(bytes)})`);
  }

  stop(): void {}
}

/** Live drawing on a TTY: one spinner line, then one bar per file. */
class BarRenderer implements ProgressRenderer {
  private readonly bars: MultiBar;
  private waiting: SingleBar | undefined;
  private readonly files = new Map<string, SingleBar>();
  private state = "";

  constructor(output: Output) {
    this.bars = new MultiBar({
      stream: output.stdout,
      format: render,
      hideCursor: true,
      autopadding: true,
      barsize: 24,
      fps: 12,
      // we own SIGINT: the export command aborts and prints how to resume
      gracefulExit: false,
    });
  }

  step(text: string): void {
    this.spinner(text);
  }

  jobState(jobId: string, state: string): void {
    this.state = state;
    this.spinner(`job ${jobId}: ${state}`);
  }

  private spinner(label: string): void {
    if (this.waiting) {
      this.waiting.update({ label });
    } else {
      this.waiting = this.bars.create(1, 0, { kind: "wait", label, started: Date.now() });
    }
  }

  file(name: string, bytes: number, total?: number): void {
    let bar = this.files.get(name);
    if (!bar) {
      if (this.waiting && this.state) {
        this.waiting.update(1, { label: `job ready: ${this.state}` });
        this.waiting.stop();
      }
      bar = this.bars.create(total ?? 0, 0, { kind: "file", label: name, started: Date.now() });
      this.files.set(name, bar);
    }
    if (total !== undefined && bar.getTotal() !== total) {
      bar.setTotal(total);
    }
    bar.update(bytes);
  }

  fileDone(name: string, bytes: number): void {
    this.file(name, bytes, bytes);
    this.files.get(name)?.stop();
  }

  stop(): void {
    this.bars.stop();
  }
}

/** cli-progress format function: spinner line or file bar, chosen by the payload. */
const render: GenericFormatter = (options, params: Params, payload: Payload) => {
  // Once a bar is stopped its clock stops too, so the final line keeps its numbers.
  const elapsed = (params.stopTime ?? Date.now()) - payload.started;
  if (payload.kind === "wait") {
    const done = params.value >= params.total;
    const frame = done ? "✔" : FRAMES[Math.floor(elapsed / 80) % FRAMES.length];
    return `${frame} ${payload.label}  ${formatDuration(elapsed)}`;
  }
  const size = options.barsize ?? 24;
  const known = params.total > 0;
  const filled = known ? Math.round(params.progress * size) : 0;
  const bar = `${"█".repeat(filled)}${"░".repeat(size - filled)}`;
  const rate = elapsed > 0 ? (params.value * 1000) / elapsed : 0;
  const remaining = rate > 0 ? ((params.total - params.value) * 1000) / rate : Number.NaN;
  const eta =
    known && params.value >= params.total
      ? "done"
      : known && Number.isFinite(remaining)
        ? `ETA ${formatDuration(remaining)}`
        : "ETA –";
  const amount = known
    ? `${formatBytes(params.value)}/${formatBytes(params.total)}`
    : formatBytes(params.value);
  const percent = (known ? `${Math.floor(params.progress * 100)}%` : "").padStart(4);
  return `  ${payload.label} ${bar} ${percent} ${amount}  ${formatBytes(rate)}/s  ${eta}`;
};

/** The table printed after an export. */
export function summaryLines(files: readonly FileSummary[]): string[] {
  const total = files.reduce((sum, file) => sum + file.bytes, 0);
  const rows = files.map((file) => [
    file.name,
    formatBytes(file.bytes),
    file.ms === undefined ? "-" : formatDuration(file.ms),
    file.ms ? `${formatBytes((file.bytes * 1000) / file.ms)}/s` : "-",
  ]);
  rows.push(["total", formatBytes(total), "", ""]);
  return formatTable(["file", "size", "time", "rate"], rows);
}
