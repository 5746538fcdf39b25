/**
 * `npm run generate -- --in FILE|DIR --out DIR`: convert any Discovery document(s), each to its
 * own `<name>.<version>.*` files.
 */
import { join } from "node:path";
import { emitAll, writeGenerated } from "./build.js";
import { type Context, InputError, load, rel } from "./context.js";
import { checkOutputDir } from "./out-dir.js";
import { readSources, type SourceText } from "./pull.js";

export async function convert(
  ctx: Context,
  inputs: readonly string[],
  out: string,
): Promise<number> {
  // A directory converts every document in it, each to its own <name>.<version>.* files.
  // Checked first: a bad --out fails before the slow conversion and writes nothing.
  checkOutputDir(out, "--out");
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
  writeGenerated(out, files, "--out");
  ctx.status(`wrote ${[...files.keys()].map((n) => rel(join(out, n))).join(", ")}`);
  return 0;
}
