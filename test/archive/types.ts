/**
 * Type-level checks of the archive API, compiled by `tsc --noEmit -p .` (never run): a
 * misspelt resource name must not compile.
 */

import type { ExportOptions } from "../../src/archive/index.js";

export const good: ExportOptions = { resources: ["myactivity.youtube"], dir: "out" };

export const misspelt: ExportOptions = {
  // @ts-expect-error "myactivity.youtub" is not a Resource.
  resources: ["myactivity.youtub"],
  dir: "out",
};

const names: string[] = ["myactivity.youtube"];
export const untyped: ExportOptions = {
  // @ts-expect-error plain strings must be narrowed (isResource) first.
  resources: names,
  dir: "out",
};
