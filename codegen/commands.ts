/**
 * The three things `npm run generate` does: regenerate from the committed snapshots
 * (optionally only checking), pull Discovery documents into snapshots with a drift report,
 * and convert any document. Output goes through the context so that only main.ts prints.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { DiscoveryDocument } from "./discovery.js";
import { listMethods, parseDiscovery } from "./discovery.js";
import { diffSnapshots, formatDrift } from "./drift.js";
import type { GeneratedFiles } from "./emit.js";
import { CodegenError } from "./errors.js";
import { liveUrl, readSources, type SourceText } from "./pull.js";
import { snapshotText } from "./snapshot.js";

export interface Context {
  /** Directory of the facts-only snapshots (codegen/discovery). */
  snapshots: string;
  /** Directory of the generated files (generated/). */
  generated: string;
  /** performance.now() when the command started, for the timing line. */
  started: number;
  /** The drift report (Markdown): stdout, so a workflow can capture it. */
  report: (markdown: string) => void;
  /** Progress and problems: stderr. */
  status: (line: string) => void;
}

/** Bad input or usage: printed as one line, exit code 1. */
export class InputError extends Error {}

function load({ source, text }: SourceText): DiscoveryDocument {
  try {
    return parseDiscovery(text);
  } catch (error) {
    if (error instanceof CodegenError) {
      throw new InputError(`${source}: ${error.message}`);
    }
    throw error;
  }
}

function readSnapshots(ctx: Context): SourceText[] {
  const dir = ctx.snapshots;
  const names = existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith(".json")) : [];
  return names
    .sort()
    .map((n) => ({ source: join(dir, n), text: readFileSync(join(dir, n), "utf8") }));
}

function snapshotFile(ctx: Context, doc: DiscoveryDocument): string {
  return join(ctx.snapshots, `${doc.name}.${doc.version}.json`);
}

const rel = (path: string): string => relative(process.cwd(), path) || ".";

async function emitAll(docs: readonly DiscoveryDocument[]): Promise<GeneratedFiles> {
  // Loaded on demand: openapi-typescript pulls in the TypeScript compiler, which bad input
  // and --pull --check do not need.
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

async function writeGenerated(dir: string, files: GeneratedFiles): Promise<void> {
  const { writeFiles } = await import("./emit.js");
  writeFiles(dir, files);
}

const GENERATED_NAME = /\.(openapi\.json|d\.ts|operations\.ts)$/;

/** Files that differ from what would be generated, and generated-looking files no snapshot makes. */
function staleFiles(dir: string, files: GeneratedFiles): string[] {
  const differ = [...files]
    .filter(
      ([name, text]) =>
        !existsSync(join(dir, name)) || readFileSync(join(dir, name), "utf8") !== text,
    )
    .map(([name]) => rel(join(dir, name)));
  const orphans = (existsSync(dir) ? readdirSync(dir) : [])
    .filter((name) => GENERATED_NAME.test(name) && !files.has(name))
    .sort()
    .map((name) => `${rel(join(dir, name))} (no snapshot makes it: remove it)`);
  return [...differ, ...orphans];
}

/** Time spent importing openapi-typescript, kept apart from the conversion time. */
let loadMs = 0;

/** Codegen time without module loading, then the load time and the process total. */
function timing(started: number): string {
  const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
  const now = performance.now();
  return `${s(now - started - loadMs)} (+ ${s(loadMs)} loading openapi-typescript; ${s(now)} since process start)`;
}

export async function generate(ctx: Context, check: boolean): Promise<number> {
  const docs = readSnapshots(ctx).map(load);
  if (docs.length === 0) {
    throw new InputError(
      `${rel(ctx.snapshots)}: no snapshots; run npm run generate -- --pull first`,
    );
  }
  const files = await emitAll(docs);
  const seconds = timing(ctx.started);
  if (!check) {
    await writeGenerated(ctx.generated, files);
    ctx.status(
      `wrote ${files.size} files to ${rel(ctx.generated)} from ${docs.length} snapshots in ${seconds}`,
    );
    return 0;
  }
  const stale = staleFiles(ctx.generated, files);
  if (stale.length > 0) {
    ctx.status(`stale (run npm run generate): ${stale.join(", ")} (checked in ${seconds})`);
    return 1;
  }
  ctx.status(
    `${rel(ctx.generated)} is up to date: ${files.size} files from ${docs.length} snapshots, checked in ${seconds}`,
  );
  return 0;
}

export async function pull(
  ctx: Context,
  from: string | undefined,
  api: string | undefined,
  check: boolean,
): Promise<number> {
  const sources: SourceText[] = [];
  if (from !== undefined) {
    sources.push(...(await readSources(from)));
  } else {
    const apis = api !== undefined ? [api] : readSnapshots(ctx).map((s) => load(s).id);
    if (apis.length === 0) {
      throw new InputError(`${rel(ctx.snapshots)}: no snapshots to refresh; name one with --api`);
    }
    for (const id of apis) {
      sources.push(...(await readSources(liveUrl(id))));
    }
  }
  let docs = sources.map(load);
  if (api !== undefined) {
    docs = docs.filter((d) => d.id === api);
    if (docs.length === 0) {
      throw new InputError(`${from ?? api}: no Discovery document with id ${api}`);
    }
  }
  let stale = 0;
  const writes = new Map<string, string>();
  for (const doc of docs) {
    const file = snapshotFile(ctx, doc);
    const text = snapshotText(doc);
    const old = existsSync(file) ? readFileSync(file, "utf8") : undefined;
    const before = old === undefined ? undefined : load({ source: file, text: old });
    const entries =
      before === undefined ? [] : diffSnapshots(before, load({ source: doc.id, text }));
    const summary = `${listMethods(doc).length} methods, ${Object.keys(doc.schemas ?? {}).length} schemas`;
    ctx.report(
      before === undefined
        ? `## ${doc.id} (new snapshot: ${summary})\n`
        : formatDrift(doc.id, entries),
    );
    if (old !== text) {
      stale += 1;
      writes.set(file, text);
    }
  }
  if (check) {
    for (const file of writes.keys()) {
      ctx.status(
        `${rel(file)} does not match ${from ?? "the live document"}; run npm run generate -- --pull`,
      );
    }
    return stale > 0 ? 1 : 0;
  }
  // Convert before writing anything, so a document the converter rejects leaves no trace.
  const others = readSnapshots(ctx).filter(
    (s) => !writes.has(s.source) && !docs.some((d) => snapshotFile(ctx, d) === s.source),
  );
  const files = await emitAll([...docs, ...others.map(load)]);
  mkdirSync(ctx.snapshots, { recursive: true });
  for (const [file, text] of writes) {
    writeFileSync(file, text);
    ctx.status(`wrote ${rel(file)}`);
  }
  await writeGenerated(ctx.generated, files);
  ctx.status(`wrote ${files.size} files to ${rel(ctx.generated)}`);
  return 0;
}

export async function convert(
  ctx: Context,
  inputs: readonly string[],
  out: string,
): Promise<number> {
  // A directory converts every document in it, each to its own <name>.<version>.* files.
  const sources: SourceText[] = [];
  for (const input of inputs) {
    sources.push(...(await readSources(input)));
  }
  const docs = sources.map(load);
  const names = new Set(docs.map((d) => `${d.name}.${d.version}`));
  if (names.size < docs.length) {
    throw new InputError("two inputs have the same name and version; convert them separately");
  }
  const files = await emitAll(docs);
  await writeGenerated(out, files);
  ctx.status(`wrote ${[...files.keys()].map((n) => rel(join(out, n))).join(", ")}`);
  return 0;
}
