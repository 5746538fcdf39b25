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
    return [{ source: from, text: readText(from) }];
  }
  let names: string[];
  try {
    names = readdirSync(from);
  } catch (error) {
    throw new CodegenError("", `${from}: cannot list directory (${reasonOf(error)})`);
  }
  names = names.filter((n) => n.endsWith(".json")).sort();
  if (names.length === 0) {
    throw new CodegenError("", `${from}: no *.json Discovery documents in this directory`);
  }
  return names.map((n) => ({ source: join(from, n), text: readText(join(from, n)) }));
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new CodegenError("", `${file}: cannot read (${reasonOf(error)})`);
  }
}

/** fetch refuses some ports outright (1, 25…): its cause then says only "bad port". */
function badPort(error: unknown): boolean {
  return (
    error instanceof Error && error.cause instanceof Error && error.cause.message === "bad port"
  );
}

/** The error code (`ECONNREFUSED`, `EACCES`), looking through fetch's "fetch failed" wrapper. */
function reasonOf(error: unknown): string {
  const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
  if (typeof cause === "object" && cause !== null && "code" in cause) {
    return String(cause.code);
  }
  return cause instanceof Error ? cause.message : String(cause);
}

async function fetchText(url: string, timeoutMs: number): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const reason =
      error instanceof Error && error.name === "TimeoutError"
        ? `no answer in ${timeoutMs / 1000} s`
        : badPort(error)
          ? `fetch refuses port ${new URL(url).port}`
          : reasonOf(error);
    throw new CodegenError(
      "",
      `${url}: could not fetch (${reason}); offline? Use --from FILE|DIR; the snapshot is unchanged`,
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
