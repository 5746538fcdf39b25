/**
 * Local file names for signed archive URLs. The server chooses the URL, so its path is
 * untrusted: a name must never leave `dir`, never collide with another file of the job, and
 * never clash with our own `.part` / `.part.json` / `export.json` files.
 * @module
 */

const MAX_NAME_BYTES = 200;
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;
const OURS = /(\.part|\.part\.json|\.tmp)$/i;

/** The last path segment of `url`, decoded, made safe; `fallback` when nothing usable is left. */
export function safeFileName(url: string, fallback: string): string {
  let segment = "";
  try {
    const path = new URL(url).pathname;
    segment = path.slice(path.lastIndexOf("/") + 1);
  } catch {
    segment = "";
  }
  let name: string;
  try {
    name = decodeURIComponent(segment);
  } catch {
    name = segment;
  }
  name = withoutControlChars(name)
    // Separators and characters some platforms refuse in names.
    .replace(/[/\\:*?"<>|]/g, "_")
    .replace(/\.{2,}/g, ".")
    .replace(/^[.\s]+|[.\s]+$/g, "");
  if (RESERVED.test(name)) {
    name = `_${name}`;
  }
  if (OURS.test(name) || name.toLowerCase() === "export.json") {
    name = `${name}.download`;
  }
  name = truncateUtf8(name, MAX_NAME_BYTES);
  return name === "" ? fallback : name;
}

/** Names for all URLs of a job, unique even on case-insensitive file systems. */
export function uniqueFileNames(urls: readonly string[]): string[] {
  const taken = new Set<string>();
  return urls.map((url, i) => {
    const base = safeFileName(url, `archive-${i + 1}.zip`);
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) {
      const dot = base.lastIndexOf(".");
      name = dot > 0 ? `${base.slice(0, dot)}-${n}${base.slice(dot)}` : `${base}-${n}`;
    }
    taken.add(name.toLowerCase());
    return name;
  });
}

/** Drops C0, DEL and C1 control characters (they can hide or forge parts of a name). */
export function withoutControlChars(text: string): string {
  return Array.from(text)
    .filter((ch) => {
      const c = ch.codePointAt(0) ?? 0;
      return c > 0x1f && (c < 0x7f || c > 0x9f);
    })
    .join("");
}

function truncateUtf8(name: string, maxBytes: number): string {
  if (Buffer.byteLength(name) <= maxBytes) {
    return name;
  }
  const dot = name.lastIndexOf(".");
  const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : "";
  let stem = name.slice(0, name.length - ext.length);
  while (stem.length > 0 && Buffer.byteLength(stem + ext) > maxBytes) {
    stem = Array.from(stem).slice(0, -1).join("");
  }
  return stem + ext;
}
