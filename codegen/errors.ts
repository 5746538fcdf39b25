/**
 * The one error the generator throws for bad input: it names the JSON path of the offending
 * value so that a broken Discovery document is reported in a single line
 * (`resources.archiveJobs.methods.retry.path: missing`).
 */
export class CodegenError extends Error {
  override name = "CodegenError" as const;
  constructor(
    /** Dotted JSON path of the offending value, e.g. `schemas.Foo.properties.bar.$ref`. */
    readonly jsonPath: string,
    /** What is wrong, e.g. `missing` or `unknown httpMethod "FETCH"`. */
    readonly problem: string,
  ) {
    super(jsonPath === "" ? problem : `${jsonPath}: ${problem}`);
  }
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Appends `key` to a JSON path as `a.b` or, for keys that are not identifiers, `a["$.xgafv"]`. */
export function childPath(parent: string, key: string): string {
  if (IDENTIFIER.test(key)) {
    return parent === "" ? key : `${parent}.${key}`;
  }
  return `${parent}[${JSON.stringify(key)}]`;
}
