/**
 * Where `--pull` reads Discovery documents from: the live discovery endpoint of an API, a URL,
 * a file, or every `*.json` file of a directory. Fetches have a short timeout so that an
 * offline machine fails fast with a clear message, leaving the snapshot untouched.
 *
 * @see https://developers.google.com/discovery/v1/reference/apis/getRest
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { CodegenError } from "./errors.js";

export interface SourceText {
  /** File path or URL, for messages. */
  source: string;
  text: string;
}

/** The live Discovery URL of `name:version`, e.g. `dataportability:v1`. */
export function liveUrl(api: string): string {
  const [name, version] = api.split(":");
  if (name === undefined || version === undefined || name === "" || version === "") {
    throw new CodegenError("", `--api ${JSON.stringify(api)}: expected name:version`);
  }
  return `https://${name}.googleapis.com/$discovery/rest?version=${version}`;
}

export async function readSources(from: string, timeoutMs = 10_000): Promise<SourceText[]> {
  if (/^https?:\/\//.test(from)) {
    return [{ source: from, text: await fetchText(from, timeoutMs) }];
  }
  let isDir: boolean;
  try {
    isDir = statSync(from).isDirectory();
  } catch {
    throw new CodegenError("", `${from}: no such file or directory`);
  }
  if (!isDir) {
    return [{ source: from, text: readFileSync(from, "utf8") }];
  }
  const names = readdirSync(from)
    .filter((n) => n.endsWith(".json"))
    .sort();
  if (names.length === 0) {
    throw new CodegenError("", `${from}: no *.json Discovery documents in this directory`);
  }
  return names.map((n) => ({ source: join(from, n), text: readFileSync(join(from, n), "utf8") }));
}

async function fetchText(url: string, timeoutMs: number): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CodegenError(
      "",
      `could not fetch ${url} (${reason}); offline? Use --from FILE|DIR; the snapshot is unchanged`,
    );
  }
  if (!response.ok) {
    throw new CodegenError(
      "",
      `${url} answered HTTP ${response.status}; the snapshot is unchanged`,
    );
  }
  return response.text();
}
