/**
 * `downloadArchive`: every signed URL of a finished job to a directory, a few at a time.
 * @module
 */

import { join } from "node:path";
import { DataPortabilityError } from "../errors.js";
import { ensureWritableDir } from "./dir.js";
import { type ArchiveFile, downloadFile, type FileTask } from "./download-file.js";
import { type DownloadOptions, normalizeDownloadOptions } from "./download-options.js";
import { abortedError } from "./fail.js";
import { uniqueFileNames } from "./file-names.js";
import { emit } from "./progress.js";
import { fileOnDisk } from "./skip.js";

/** A job state as `getArchiveState` returns it, or just its signed URLs. */
export type ArchiveSource = { urls?: readonly string[] | undefined } | readonly string[];

export type { ArchiveFile };

/**
 * Downloads each signed URL of a finished job into `options.dir` and returns the files written,
 * in URL order, with sizes and hashes. Memory stays bounded: bodies are streamed to
 * `<name>.part` and renamed to `<name>` only once their length and `x-goog-hash` check out.
 * A `.part` left by an interrupted run is continued with `Range`. Signed URLs are fetched with
 * a plain HTTP client (or `options.fetch`), never with the API client, so no `Authorization`
 * header reaches storage.
 * @throws DataPortabilityError kind "usage" (bad `dir`), "io" (the disk refused; names the file,
 * keeps the `.part`), "integrity" (still corrupt after one fresh download), "network", "api",
 * "aborted".
 */
export async function downloadArchive(
  source: ArchiveSource,
  options: DownloadOptions,
): Promise<ArchiveFile[]> {
  const opts = normalizeDownloadOptions(options);
  const urls = urlsOf(source);
  await ensureWritableDir(opts.dir);
  const names = uniqueFileNames(urls);
  const stop = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, stop.signal]) : stop.signal;
  const refreshUrl = sharedRefresher(opts.refresh, signal);
  const results: ArchiveFile[] = new Array(urls.length);
  let next = 0;
  let failure: unknown;

  const one = async (i: number): Promise<void> => {
    const name = names[i] as string;
    const path = join(opts.dir, name);
    const done = await fileOnDisk(path, opts.completed.get(name));
    const progress = (event: Parameters<FileTask["progress"]>[0]) =>
      emit(opts.onProgress, { phase: "download", jobId: opts.jobId, file: name, ...event });
    if (done !== undefined) {
      progress({ event: "skip", bytes: done.size, totalBytes: done.size });
      results[i] = done;
      return;
    }
    const file = await downloadFile({
      name,
      path,
      url: urls[i] as string,
      get: opts.get,
      openPartFile: opts.openPartFile,
      retry: opts.retry,
      signal,
      refreshUrl: (n, current) => refreshUrl(n, names, i, current),
      progress,
    });
    results[i] = file;
    await opts.onFile?.(file);
  };

  const worker = async (): Promise<void> => {
    while (failure === undefined && next < urls.length) {
      const i = next++;
      try {
        await one(i);
      } catch (error) {
        if (failure === undefined) {
          failure = error;
          // The first real failure stops the siblings; their .part files stay for a resume.
          stop.abort(error);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency, urls.length) }, worker));
  if (failure !== undefined) {
    throw opts.signal?.aborted ? abortedError(opts.signal) : failure;
  }
  return results;
}

function urlsOf(source: ArchiveSource): readonly string[] {
  const urls = Array.isArray(source)
    ? (source as readonly string[])
    : ((source as { urls?: readonly string[] }).urls ?? []);
  for (const url of urls) {
    let ok = false;
    try {
      ok = /^https?:$/.test(new URL(url).protocol);
    } catch {
      ok = false;
    }
    if (!ok) {
      throw new DataPortabilityError({
        kind: "usage",
        message: "downloadArchive needs http(s) signed URLs (from a COMPLETE job's state).",
      });
    }
  }
  return urls;
}

/**
 * One refresh serves every file whose URL expired before it: concurrent expiries share the
 * call, and a file asks again only when that refresh gave it nothing newer than the URL it
 * already has (a later expiry of a long download).
 */
function sharedRefresher(
  refresh: ((signal: AbortSignal) => Promise<ArchiveSource>) | undefined,
  signal: AbortSignal,
): (name: string, names: readonly string[], index: number, current: string) => Promise<string> {
  let latest: Promise<readonly string[]> | undefined;
  return async (name, names, index, current) => {
    if (refresh === undefined) {
      throw new DataPortabilityError({
        kind: "api",
        httpStatus: 403,
        message: `The download URL for ${name} has expired. Pass \`refresh\` (or use exportArchive) so a fresh one can be fetched, or read the job state again and call downloadArchive once more.`,
      });
    }
    const pick = (fresh: readonly string[]): string | undefined => {
      const at = uniqueFileNames(fresh).indexOf(name);
      return at >= 0 ? fresh[at] : fresh.length === names.length ? fresh[index] : undefined;
    };
    if (latest !== undefined) {
      const seen = latest;
      const url = pick(await seen);
      if (url !== undefined && url !== current) {
        return url;
      }
      if (latest === seen) {
        latest = undefined;
      }
    }
    latest ??= refresh(signal).then(urlsOf);
    const url = pick(await latest);
    if (url === undefined) {
      throw new DataPortabilityError({
        kind: "api",
        message: `The refreshed job state has no URL for ${name}; run the export again.`,
      });
    }
    return url;
  };
}
