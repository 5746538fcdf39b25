/**
 * `npm run generate -- --pull`: fetch Discovery documents (default: the live URL of each
 * committed snapshot), print the drift report, write facts-only snapshots and regenerate.
 * With `--check`, only report and exit 1 when a snapshot would change.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import { emitAll, writeGenerated } from "./build.js";
import { type Context, InputError, load, readSnapshots, rel, snapshotFile } from "./context.js";
import { listMethods } from "./discovery.js";
import { diffSnapshots } from "./drift.js";
import { formatDrift } from "./drift-report.js";
import { checkOutputDir, writeOutput } from "./out-dir.js";
import { liveUrl, readSources, type SourceText } from "./pull.js";
import { snapshotText } from "./snapshot.js";

export async function pull(
  ctx: Context,
  from: string | undefined,
  api: string | undefined,
  check: boolean,
): Promise<number> {
  if (!check) {
    // Both directories are checked before fetching and before either is written: a bad
    // --generated must not leave a new snapshot behind.
    checkOutputDir(ctx.snapshots, "--snapshots");
    checkOutputDir(ctx.generated, "--generated");
  }
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
  writeOutput(ctx.snapshots, new Map([...writes].map(([f, t]) => [basename(f), t])), "--snapshots");
  for (const file of writes.keys()) {
    ctx.status(`wrote ${rel(file)}`);
  }
  writeGenerated(ctx.generated, files, "--generated");
  ctx.status(`wrote ${files.size} files to ${rel(ctx.generated)}`);
  return 0;
}
