/**
 * `npm run generate` without flags (snapshots → generated/) and with `--check` (regenerate in
 * memory and name the files that differ, writing nothing).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { emitAll, timing, writeGenerated } from "./build.js";
import { type Context, InputError, load, readSnapshots, rel } from "./context.js";
import type { GeneratedFiles } from "./emit.js";
import { checkOutputDir } from "./out-dir.js";

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

export async function generate(ctx: Context, check: boolean): Promise<number> {
  const docs = readSnapshots(ctx).map(load);
  if (docs.length === 0) {
    throw new InputError(
      `${rel(ctx.snapshots)}: no snapshots; run npm run generate -- --pull first`,
    );
  }
  if (!check) {
    checkOutputDir(ctx.generated, "--generated");
  }
  const files = await emitAll(docs);
  const seconds = timing(ctx.started);
  if (!check) {
    writeGenerated(ctx.generated, files, "--generated");
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
