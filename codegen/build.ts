/**
 * Documents → generated files in memory, and writing them. The emitter is loaded on demand:
 * openapi-typescript pulls in the TypeScript compiler, which bad input and `--pull --check`
 * do not need. The load time is kept apart so the timing line shows the conversion itself.
 */
import { load } from "./context.js";
import type { DiscoveryDocument } from "./discovery.js";
import type { GeneratedFiles } from "./emit.js";
import { writeOutput } from "./out-dir.js";
import { snapshotText } from "./snapshot.js";

/** Time spent importing openapi-typescript, kept apart from the conversion time. */
let loadMs = 0;

export async function emitAll(docs: readonly DiscoveryDocument[]): Promise<GeneratedFiles> {
  const loading = performance.now();
  const { emitFiles } = await import("./emit.js");
  loadMs += performance.now() - loading;
  const all: GeneratedFiles = new Map();
  for (const doc of docs) {
    // Generate from the snapshot form, so --pull and the offline run give the same bytes.
    const snapshot = load({ source: doc.id, text: snapshotText(doc) });
    for (const [name, text] of await emitFiles(snapshot)) {
      all.set(name, text);
    }
  }
  return all;
}

/** Writes `files` into `dir`, or throws one line naming `dir` and the problem. */
export function writeGenerated(dir: string, files: GeneratedFiles, flag: string): void {
  writeOutput(dir, files, flag);
}

/** Codegen time without module loading, then the load time and the process total. */
export function timing(started: number): string {
  const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
  const now = performance.now();
  return `${s(now - started - loadMs)} (+ ${s(loadMs)} loading openapi-typescript; ${s(now)} since process start)`;
}
