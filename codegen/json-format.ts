/**
 * JSON text laid out the way the repository's formatter (biome, line width 100) lays it out:
 * objects one key per line, arrays of scalars on one line when they fit. Committed snapshots
 * are then stable under `biome check --write` and byte-comparable by `--check`.
 */
const WIDTH = 100;

export function formatJson(value: unknown): string {
  return `${write(value, "", 0)}\n`;
}

/** `used` is how many columns precede the value on its line, for the fits-on-one-line test. */
function write(value: unknown, indent: string, used: number): string {
  if (Array.isArray(value)) {
    if (value.length === 0) {
      return "[]";
    }
    const scalars = value.every((v) => v === null || typeof v !== "object");
    const flat = `[${value.map((v) => JSON.stringify(v)).join(", ")}]`;
    // +1 for the comma that may follow the value on the same line.
    if (scalars && used + flat.length + 1 <= WIDTH) {
      return flat;
    }
    const inner = `${indent}  `;
    const items = value.map((v) => `${inner}${write(v, inner, inner.length)}`);
    return `[\n${items.join(",\n")}\n${indent}]`;
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 0) {
      return "{}";
    }
    const inner = `${indent}  `;
    const lines = entries.map(([k, v]) => {
      const key = `${inner}${JSON.stringify(k)}: `;
      return `${key}${write(v, inner, key.length)}`;
    });
    return `{\n${lines.join(",\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}
