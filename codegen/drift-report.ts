/**
 * Drift entries → Markdown, so the regenerate workflow can use the report as a pull-request
 * body: a heading per API, a count line, then one bullet per change.
 */
import type { DriftEntry } from "./drift.js";

/** Markdown report: a heading per API, a count line, then one bullet per change. */
export function formatDrift(id: string, entries: readonly DriftEntry[]): string {
  const title = `## ${id}`;
  if (entries.length === 0) {
    return `${title}\n\nNo drift.\n`;
  }
  const counts = new Map<string, number>();
  for (const e of entries) {
    const key = `${e.kind}\u0000${e.change}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const summary = [...counts]
    .map(([key, n]) => {
      const [kind, change] = key.split("\u0000");
      return `${n} ${kind}${n === 1 ? "" : "s"} ${change}`;
    })
    .join(", ");
  const lines = entries.map((e) => {
    const detail = e.detail === undefined || e.detail === "" ? "" : `: ${e.detail}`;
    return `- ${e.change} ${e.kind} \`${e.subject}\`${detail}`;
  });
  return `${title}\n\n${summary}\n\n${lines.join("\n")}\n`;
}
