/**
 * Semantic drift between two snapshots of one API: methods, paths, parameters, schemas,
 * fields, enum values and scopes added, removed or changed. Pure; drift-report.ts formats the
 * entries as Markdown.
 *
 * @see https://developers.google.com/discovery/v1/reference/apis
 */
import type { DiscoveryDocument, DiscoveryMethod, DiscoverySchema } from "./discovery.js";
import { listMethods } from "./discovery.js";
import { documentScopes } from "./openapi/security.js";

export type DriftKind =
  | "revision"
  | "api"
  | "scope"
  | "global parameter"
  | "method"
  | "path"
  | "parameter"
  | "schema"
  | "field"
  | "enum value";

export interface DriftEntry {
  change: "added" | "removed" | "changed";
  kind: DriftKind;
  /** What changed, e.g. `accessType.check` or `PortabilityArchiveState.startTime`. */
  subject: string;
  /** Facts, e.g. `POST v1/accessType:check` or `string → integer`. */
  detail?: string;
}

export function diffSnapshots(before: DiscoveryDocument, after: DiscoveryDocument): DriftEntry[] {
  const out: DriftEntry[] = [];
  if ((before.revision ?? "") !== (after.revision ?? "")) {
    out.push(changed("revision", after.id, `${before.revision ?? "?"} → ${after.revision ?? "?"}`));
  }
  for (const key of ["rootUrl", "servicePath", "batchPath"] as const) {
    if (before[key] !== after[key]) {
      out.push(changed("api", key, `${before[key] ?? "-"} → ${after[key] ?? "-"}`));
    }
  }
  diffSets(out, "scope", documentScopes(before), documentScopes(after));
  diffMaps(out, "global parameter", before.parameters ?? {}, after.parameters ?? {}, (name, a, b) =>
    diffSchema(out, "global parameter", name, a, b),
  );
  const short = (id: string): string =>
    id.startsWith(`${after.name}.`) ? id.slice(after.name.length + 1) : id;
  const methods = (doc: DiscoveryDocument): Record<string, DiscoveryMethod> =>
    Object.fromEntries(listMethods(doc).map((e) => [short(e.method.id), e.method]));
  diffMaps(out, "method", methods(before), methods(after), (name, a, b) =>
    diffMethod(out, name, a, b),
  );
  diffMaps(out, "schema", before.schemas ?? {}, after.schemas ?? {}, (name, a, b) =>
    diffSchema(out, "field", name, a, b),
  );
  return out;
}

/** The same map with its keys written `prefix + key + suffix`, for entry subjects. */
function prefixed<T>(prefix: string, map: Record<string, T>, suffix: string): Record<string, T> {
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [`${prefix}${k}${suffix}`, v]));
}

function changed(kind: DriftKind, subject: string, detail: string): DriftEntry {
  return { change: "changed", kind, subject, detail };
}

function diffSets(out: DriftEntry[], kind: DriftKind, a: readonly string[], b: readonly string[]) {
  const before = new Set(a);
  const after = new Set(b);
  for (const value of b) {
    if (!before.has(value)) {
      out.push({ change: "added", kind, subject: value });
    }
  }
  for (const value of a) {
    if (!after.has(value)) {
      out.push({ change: "removed", kind, subject: value });
    }
  }
}

function diffMaps<T>(
  out: DriftEntry[],
  kind: DriftKind,
  a: Record<string, T>,
  b: Record<string, T>,
  same: (name: string, a: T, b: T) => void,
): void {
  for (const [name, value] of Object.entries(b)) {
    const old = a[name];
    if (old === undefined) {
      out.push({ change: "added", kind, subject: name, detail: describe(value) });
    } else {
      same(name, old, value);
    }
  }
  for (const [name, value] of Object.entries(a)) {
    if (b[name] === undefined) {
      out.push({ change: "removed", kind, subject: name, detail: describe(value) });
    }
  }
}

function diffMethod(out: DriftEntry[], name: string, a: DiscoveryMethod, b: DiscoveryMethod) {
  for (const key of ["httpMethod", "path", "flatPath"] as const) {
    if (a[key] !== b[key]) {
      out.push(changed("path", `${name} ${key}`, `${a[key] ?? "-"} → ${b[key] ?? "-"}`));
    }
  }
  for (const key of ["request", "response"] as const) {
    if (a[key]?.$ref !== b[key]?.$ref) {
      out.push(
        changed("method", `${name} ${key}`, `${a[key]?.$ref ?? "-"} → ${b[key]?.$ref ?? "-"}`),
      );
    }
  }
  const scopes: DriftEntry[] = [];
  diffSets(scopes, "scope", a.scopes ?? [], b.scopes ?? []);
  if (scopes.length > 0) {
    const added = scopes.filter((s) => s.change === "added").length;
    out.push(
      changed("method", `${name} scopes`, `${added} added, ${scopes.length - added} removed`),
    );
  }
  const params = (m: DiscoveryMethod) => prefixed(`${name}(`, m.parameters ?? {}, ")");
  diffMaps(out, "parameter", params(a), params(b), (param, x, y) =>
    diffSchema(out, "parameter", param, x, y),
  );
}

const FACTS = ["type", "$ref", "format", "location", "required", "repeated", "pattern", "default"];

/** Compares one schema (or parameter) and, recursively, its properties, items and maps. */
function diffSchema(
  out: DriftEntry[],
  kind: DriftKind,
  name: string,
  a: DiscoverySchema,
  b: DiscoverySchema,
): void {
  for (const key of FACTS) {
    const x = (a as Record<string, unknown>)[key];
    const y = (b as Record<string, unknown>)[key];
    if (JSON.stringify(x) !== JSON.stringify(y)) {
      out.push(changed(kind, `${name} ${key}`, `${String(x ?? "-")} → ${String(y ?? "-")}`));
    }
  }
  const enumValues: DriftEntry[] = [];
  diffSets(enumValues, "enum value", a.enum ?? [], b.enum ?? []);
  for (const entry of enumValues) {
    out.push({ ...entry, subject: `${name} ${entry.subject}` });
  }
  const fields = (s: DiscoverySchema) => prefixed(`${name}.`, s.properties ?? {}, "");
  diffMaps(out, "field", fields(a), fields(b), (field, x, y) =>
    diffSchema(out, "field", field, x, y),
  );
  for (const [key, suffix] of [
    ["items", "[]"],
    ["additionalProperties", "{}"],
  ] as const) {
    const x = a[key];
    const y = b[key];
    if (x !== undefined && y !== undefined) {
      diffSchema(out, kind === "field" ? "field" : kind, `${name}${suffix}`, x, y);
    } else if (x !== y) {
      out.push(changed(kind, `${name}${suffix}`, `${describe(x)} → ${describe(y)}`));
    }
  }
}

/** A short factual description: `POST v1/x:y`, `string (google-datetime)`, `array of Foo`. */
function describe(value: unknown): string {
  if (value === undefined) {
    return "-";
  }
  const v = value as DiscoverySchema & Partial<DiscoveryMethod>;
  if (typeof v.httpMethod === "string") {
    return `${v.httpMethod} ${v.path ?? ""}`;
  }
  if (v.$ref !== undefined) {
    return v.$ref;
  }
  if (v.type === "array") {
    return `array of ${describe(v.items)}`;
  }
  const parts = [v.type ?? "any"];
  if (v.format !== undefined) {
    parts.push(`(${v.format})`);
  }
  if (v.enum !== undefined) {
    parts.push(`enum ${v.enum.join("|")}`);
  }
  if (v.location !== undefined) {
    parts.push(`in ${v.location}`);
  }
  return parts.join(" ");
}
