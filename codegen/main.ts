/**
 * `npm run generate` entry point.
 *
 *   (no flags)                      snapshots in codegen/discovery/ → generated/, offline
 *   --check                         regenerate in memory; exit 1 naming stale files
 *   --pull [--from URL|FILE|DIR] [--api name:version]
 *                                   fetch Discovery documents (default: the live URL of each
 *                                   committed snapshot), write facts-only snapshots, print the
 *                                   drift report (Markdown, stdout), regenerate
 *   --pull --from X --check         exit 1 with the drift report when the committed snapshot
 *                                   differs from what X gives; writes nothing
 *   --in FILE|DIR --out DIR         convert any Discovery document(s) into DIR
 *   --snapshots DIR, --generated DIR  use other directories (tests)
 *
 * Bad input is reported as one line naming the JSON path, with exit code 1 and nothing written.
 * The drift report goes to stdout; everything else to stderr.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { DiscoveryDocument } from "./discovery.js";
import { listMethods, parseDiscovery } from "./discovery.js";
import { diffSnapshots, formatDrift } from "./drift.js";
import type { GeneratedFiles } from "./emit.js";
import { CodegenError } from "./errors.js";
import { liveUrl, readSources, type SourceText } from "./pull.js";
import { snapshotText } from "./snapshot.js";

const ROOT = resolve(import.meta.dirname, "..");
// Overridable (--snapshots, --generated) so tests can work in temporary directories.
let SNAPSHOTS = join(ROOT, "codegen", "discovery");
let GENERATED = join(ROOT, "generated");

const USAGE =
  "usage: npm run generate -- [--check] | --pull [--from URL|FILE|DIR] [--api name:version] [--check] | --in FILE --out DIR";

class InputError extends Error {}

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

function readSnapshots(): SourceText[] {
  const names = existsSync(SNAPSHOTS)
    ? readdirSync(SNAPSHOTS).filter((n) => n.endsWith(".json"))
    : [];
  return names
    .sort()
    .map((n) => ({ source: join(SNAPSHOTS, n), text: readFileSync(join(SNAPSHOTS, n), "utf8") }));
}

function snapshotFile(doc: DiscoveryDocument): string {
  return join(SNAPSHOTS, `${doc.name}.${doc.version}.json`);
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

function staleFiles(dir: string, files: GeneratedFiles): string[] {
  return [...files]
    .filter(
      ([name, text]) =>
        !existsSync(join(dir, name)) || readFileSync(join(dir, name), "utf8") !== text,
    )
    .map(([name]) => rel(join(dir, name)));
}

/** Generation time, and the time since the process started (module loading included). */
let loadMs = 0;

/** Codegen time without module loading, then the load time and the process total. */
function timing(started: number): string {
  const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
  const now = performance.now();
  return `${s(now - started - loadMs)} (+ ${s(loadMs)} loading openapi-typescript; ${s(now)} since process start)`;
}

async function generate(check: boolean, started: number): Promise<number> {
  const docs = readSnapshots().map(load);
  if (docs.length === 0) {
    throw new InputError(`${rel(SNAPSHOTS)}: no snapshots; run npm run generate -- --pull first`);
  }
  const files = await emitAll(docs);
  const seconds = timing(started);
  if (!check) {
    await writeGenerated(GENERATED, files);
    console.error(
      `wrote ${files.size} files to ${rel(GENERATED)} from ${docs.length} snapshots in ${seconds}`,
    );
    return 0;
  }
  const stale = staleFiles(GENERATED, files);
  if (stale.length > 0) {
    console.error(`stale (run npm run generate): ${stale.join(", ")} (checked in ${seconds})`);
    return 1;
  }
  console.error(
    `${rel(GENERATED)} is up to date: ${files.size} files from ${docs.length} snapshots, checked in ${seconds}`,
  );
  return 0;
}

async function pull(
  from: string | undefined,
  api: string | undefined,
  check: boolean,
): Promise<number> {
  const sources: SourceText[] = [];
  if (from !== undefined) {
    sources.push(...(await readSources(from)));
  } else {
    const apis = api !== undefined ? [api] : readSnapshots().map((s) => load(s).id);
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
    const file = snapshotFile(doc);
    const text = snapshotText(doc);
    const old = existsSync(file) ? readFileSync(file, "utf8") : undefined;
    const before = old === undefined ? undefined : load({ source: file, text: old });
    const entries =
      before === undefined ? [] : diffSnapshots(before, load({ source: doc.id, text }));
    const summary = `${listMethods(doc).length} methods, ${Object.keys(doc.schemas ?? {}).length} schemas`;
    console.log(
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
      console.error(
        `${rel(file)} does not match ${from ?? "the live document"}; run npm run generate -- --pull`,
      );
    }
    return stale > 0 ? 1 : 0;
  }
  // Convert before writing anything, so a document the converter rejects leaves no trace.
  const others = readSnapshots().filter(
    (s) => !writes.has(s.source) && !docs.some((d) => snapshotFile(d) === s.source),
  );
  const files = await emitAll([...docs, ...others.map(load)]);
  mkdirSync(SNAPSHOTS, { recursive: true });
  for (const [file, text] of writes) {
    writeFileSync(file, text);
    console.error(`wrote ${rel(file)}`);
  }
  await writeGenerated(GENERATED, files);
  console.error(`wrote ${files.size} files to ${rel(GENERATED)}`);
  return 0;
}

async function convert(input: string, out: string): Promise<number> {
  // A directory converts every document in it, each to its own <name>.<version>.* files.
  const files = await emitAll((await readSources(input)).map(load));
  await writeGenerated(out, files);
  console.error(`wrote ${[...files.keys()].map((n) => rel(join(out, n))).join(", ")}`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const started = performance.now();
  const { values } = parseArgs({
    args: argv,
    options: {
      pull: { type: "boolean", default: false },
      check: { type: "boolean", default: false },
      from: { type: "string" },
      api: { type: "string" },
      in: { type: "string" },
      out: { type: "string" },
      snapshots: { type: "string" },
      generated: { type: "string" },
    },
    strict: true,
  });
  SNAPSHOTS = resolve(values.snapshots ?? SNAPSHOTS);
  GENERATED = resolve(values.generated ?? GENERATED);
  if (values.in !== undefined || values.out !== undefined) {
    if (values.in === undefined || values.out === undefined) {
      throw new InputError(`--in and --out go together\n${USAGE}`);
    }
    return convert(values.in, values.out);
  }
  if (values.pull) {
    return pull(values.from, values.api, values.check);
  }
  if (values.from !== undefined || values.api !== undefined) {
    throw new InputError(`--from and --api need --pull\n${USAGE}`);
  }
  return generate(values.check, started);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof InputError || error instanceof CodegenError) {
    console.error(`error: ${error.message}`);
  } else if (
    error instanceof TypeError &&
    "code" in error &&
    String(error.code).startsWith("ERR_PARSE_ARGS")
  ) {
    console.error(`error: ${error.message}\n${USAGE}`);
  } else {
    console.error(error);
  }
  process.exitCode = 1;
}
