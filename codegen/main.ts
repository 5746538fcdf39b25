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
 *   --in FILE|DIR [--in ...] --out DIR  convert any Discovery document(s) into DIR
 *   --snapshots DIR, --generated DIR  use other directories (tests)
 *
 * Bad input is reported as one line naming the JSON path, with exit code 1 and nothing written.
 * The drift report goes to stdout; everything else to stderr.
 */
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { type Context, InputError } from "./context.js";
import { convert } from "./convert-command.js";
import { CodegenError } from "./errors.js";
import { generate } from "./generate-command.js";
import { pull } from "./pull-command.js";

const ROOT = resolve(import.meta.dirname, "..");

const USAGE =
  "usage: npm run generate -- [--check] | --pull [--from URL|FILE|DIR] [--api name:version] [--check] | --in FILE|DIR --out DIR";

async function main(argv: string[]): Promise<number> {
  const started = performance.now();
  const { values } = parseArgs({
    args: argv,
    options: {
      pull: { type: "boolean", default: false },
      check: { type: "boolean", default: false },
      from: { type: "string" },
      api: { type: "string" },
      in: { type: "string", multiple: true },
      out: { type: "string" },
      snapshots: { type: "string" },
      generated: { type: "string" },
    },
    strict: true,
  });
  const ctx: Context = {
    snapshots: resolve(values.snapshots ?? join(ROOT, "codegen", "discovery")),
    generated: resolve(values.generated ?? join(ROOT, "generated")),
    started,
    report: (markdown) => console.log(markdown),
    status: (line) => console.error(line),
  };
  if (values.in !== undefined || values.out !== undefined) {
    if (values.in === undefined || values.out === undefined) {
      throw new InputError(`--in and --out go together\n${USAGE}`);
    }
    return convert(ctx, values.in, values.out);
  }
  if (values.pull) {
    return pull(ctx, values.from, values.api, values.check);
  }
  if (values.from !== undefined || values.api !== undefined) {
    throw new InputError(`--from and --api need --pull\n${USAGE}`);
  }
  return generate(ctx, values.check);
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
