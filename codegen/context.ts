/**
 * What every `npm run generate` command shares: where the snapshots and generated files live,
 * where output goes (only main.ts prints), and loading a document with its source named in
 * any error.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { DiscoveryDocument } from "./discovery.js";
import { parseDiscovery } from "./discovery.js";
import { CodegenError } from "./errors.js";
import { toOpenApi } from "./openapi/document.js";
import type { SourceText } from "./pull.js";

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

/**
 * Parses, checks and converts (in memory, the cheap part) so that every bad-input error,
 * including those only the OpenAPI conversion finds, is `<source>: <JSON path>: <problem>`.
 */
export function load({ source, text }: SourceText): DiscoveryDocument {
  try {
    const doc = parseDiscovery(text);
    toOpenApi(doc);
    return doc;
  } catch (error) {
    if (error instanceof CodegenError) {
      throw new InputError(`${source}: ${error.message}`);
    }
    throw error;
  }
}

export function readSnapshots(ctx: Context): SourceText[] {
  const dir = ctx.snapshots;
  const names = existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith(".json")) : [];
  return names
    .sort()
    .map((n) => ({ source: join(dir, n), text: readFileSync(join(dir, n), "utf8") }));
}

export function snapshotFile(ctx: Context, doc: DiscoveryDocument): string {
  return join(ctx.snapshots, `${doc.name}.${doc.version}.json`);
}

/** A path relative to the working directory, for status lines. */
export const rel = (path: string): string => relative(process.cwd(), path) || ".";
