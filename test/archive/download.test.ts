import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type TestContext, test } from "node:test";
import { downloadArchive } from "../../src/archive/download.js";
import { withoutControlChars } from "../../src/archive/file-names.js";
import type { DownloadProgress } from "../../src/archive/progress.js";
import { isDataPortabilityError } from "../../src/errors.js";
import { bytes, crc, md5, object, type Storage, startStorage } from "./helpers/storage-server.js";

const fast = { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 };

async function tempDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "dp-download-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A storage server with one object at /b/a.zip of `size` bytes, and a temp dir. */
async function oneObject(t: TestContext, size: number) {
  const s = await startStorage(t);
  const dir = await tempDir(t);
  const body = bytes(size);
  s.objects.set("/b/a.zip", object(body));
  return { s, dir, body };
}

/** Ends the held connection once the client reports bytes on disk (see Fault.cutAt). */
function cutOnData(s: Storage, e: DownloadProgress): void {
  if (e.event === "data" && e.bytes > 0) {
    s.cut();
  }
}

/** One download that records its events and ends held connections once bytes are on disk. */
async function downloadRecording(s: Storage, url: string, dir: string) {
  const events: DownloadProgress[] = [];
  const [file] = await downloadArchive([url], {
    dir,
    retry: fast,
    onProgress: (e) => {
      events.push(e);
      cutOnData(s, e);
    },
  });
  return { file, events };
}

/** A download that fails after a cut, leaving a .part; returns its size. */
async function failAfterCut(s: Storage, url: string, dir: string): Promise<number> {
  await rejectsWith(
    downloadArchive([url], { dir, retry: { attempts: 0 }, onProgress: (e) => cutOnData(s, e) }),
    "network",
  );
  const name = new URL(url).pathname.split("/").pop() as string;
  const size = (await stat(join(dir, `${name}.part`))).size;
  assert.ok(size > 0);
  return size;
}

async function rejectsWith(p: Promise<unknown>, kind: string): Promise<Error> {
  try {
    await p;
  } catch (error) {
    assert.ok(isDataPortabilityError(error), `not a DataPortabilityError: ${error}`);
    assert.equal(error.kind, kind, error.message);
    return error;
  }
  assert.fail(`expected a "${kind}" error`);
}

test("downloads every URL with sizes and hashes and no Authorization header", async (t) => {
  const s = await startStorage(t);
  const dir = await tempDir(t);
  const bodies = [bytes(300_000, 1), bytes(1, 2), bytes(0, 3), bytes(70_000, 4)];
  for (const [i, b] of bodies.entries()) {
    s.objects.set(`/b/job/archive-${i}.zip`, object(b));
  }
  const events: DownloadProgress[] = [];
  const files = await downloadArchive(
    { urls: bodies.map((_, i) => s.url(`/b/job/archive-${i}.zip`)) },
    { dir, concurrency: 2, onProgress: (e) => events.push(e) },
  );
  assert.deepEqual(
    files.map((f) => [f.name, f.size, f.md5]),
    bodies.map((b, i) => [`archive-${i}.zip`, b.length, md5(b)]),
  );
  for (const [i, b] of bodies.entries()) {
    assert.ok((await readFile(join(dir, `archive-${i}.zip`))).equals(b));
  }
  assert.deepEqual((await readdir(dir)).sort(), bodies.map((_, i) => `archive-${i}.zip`).sort());
  assert.ok(s.requests.every((r) => r.headers.authorization === undefined));
  assert.equal(events.filter((e) => e.event === "complete").length, 4);
});

test("CRC-32C alone is verified when the server sends no MD5", async (t) => {
  const s = await startStorage(t);
  const dir = await tempDir(t);
  const body = bytes(50_000);
  s.objects.set("/b/ok.zip", { ...object(body), hashes: "crc32c" });
  s.objects.set("/b/bad.zip", { ...object(body), hashes: "crc32c" });
  s.fault = (p) => (p === "/b/bad.zip" ? { corrupt: true } : undefined);
  const [file] = await downloadArchive([s.url("/b/ok.zip")], { dir });
  assert.deepEqual([file?.crc32c, file?.md5], [crc(body), undefined]);
  await rejectsWith(downloadArchive([s.url("/b/bad.zip")], { dir }), "integrity");
});

test("a body cut mid-way is continued with Range from the byte written", async (t) => {
  const { s, dir, body } = await oneObject(t, 200_000);
  s.fault = (_p, n) => (n === 1 ? { cutAt: 65_536 } : undefined);
  const { file, events } = await downloadRecording(s, s.url("/b/a.zip"), dir);
  assert.equal(file?.md5, md5(body));
  assert.equal(s.requests.length, 2);
  const retry = events.find((e) => e.event === "retry");
  assert.ok(retry !== undefined && retry.bytes > 0 && retry.bytes <= 65_536);
  assert.equal(s.requests[1]?.headers.range, `bytes=${retry.bytes}-`);
  assert.equal(s.requests[1]?.headers["if-range"], s.objects.get("/b/a.zip")?.etag);
  assert.equal(s.requests[1]?.status, 206);
});

test("a later call resumes the .part left by a failed one", async (t) => {
  const { s, dir, body } = await oneObject(t, 150_000);
  s.fault = (_p, n) => (n === 1 ? { cutAt: 40_000 } : undefined);
  const written = await failAfterCut(s, s.url("/b/a.zip"), dir);
  await assert.rejects(stat(join(dir, "a.zip")));
  const events: DownloadProgress[] = [];
  const [file] = await downloadArchive([s.url("/b/a.zip", "X-Goog-Signature=new")], {
    dir,
    onProgress: (e) => events.push(e),
  });
  assert.equal(file?.md5, md5(body));
  assert.equal(s.requests[1]?.headers.range, `bytes=${written}-`);
  assert.equal(events[0]?.event, "resume");
  assert.equal(events[0]?.bytes, written);
  assert.deepEqual(await readdir(dir), ["a.zip"]);
});

test("a complete .part that was never renamed costs one byte, not a new download", async (t) => {
  const { s, dir, body } = await oneObject(t, 90_000);
  await downloadArchive([s.url("/b/a.zip")], { dir });
  // As if the process died between the last write and the rename.
  await rename(join(dir, "a.zip"), join(dir, "a.zip.part"));
  const meta = {
    version: 1,
    object: s.url("/b/a.zip").split("?")[0],
    etag: s.objects.get("/b/a.zip")?.etag,
    totalBytes: body.length,
  };
  await writeFile(join(dir, "a.zip.part.json"), JSON.stringify(meta));
  const [file] = await downloadArchive([s.url("/b/a.zip")], { dir });
  assert.equal(s.requests[1]?.headers.range, `bytes=${body.length - 1}-`);
  assert.equal(file?.md5, md5(body));
  assert.deepEqual(await readdir(dir), ["a.zip"]);
});

test("a server that ignores Range gets a fresh download", async (t) => {
  const { s, dir, body } = await oneObject(t, 120_000);
  s.fault = (_p, n) => (n === 1 ? { cutAt: 50_000 } : { ignoreRange: true });
  const { file, events } = await downloadRecording(s, s.url("/b/a.zip"), dir);
  assert.match(s.requests[1]?.headers.range ?? "", /^bytes=[1-9]\d*-$/);
  assert.equal(s.requests[1]?.status, 200);
  assert.equal(file?.size, body.length);
  assert.ok((await readFile(join(dir, "a.zip"))).equals(body));
  assert.match(events.find((e) => e.event === "restart")?.reason ?? "", /ignored Range/);
});

test("an object whose ETag changed is downloaded again from byte 0", async (t) => {
  const s = await startStorage(t);
  const dir = await tempDir(t);
  s.objects.set("/b/a.zip", object(bytes(100_000, 1)));
  s.fault = (_p, n) => (n === 1 ? { cutAt: 30_000 } : undefined);
  const written = await failAfterCut(s, s.url("/b/a.zip"), dir);
  const changed = bytes(90_000, 2);
  s.objects.set("/b/a.zip", object(changed));
  const [file] = await downloadArchive([s.url("/b/a.zip")], { dir });
  assert.equal(s.requests[1]?.headers.range, `bytes=${written}-`);
  assert.equal(s.requests[1]?.status, 200);
  assert.notEqual(s.requests[1]?.headers["if-range"], s.objects.get("/b/a.zip")?.etag);
  assert.equal(file?.md5, md5(changed));
  assert.ok((await readFile(join(dir, "a.zip"))).equals(changed));
});

test("a 206 with a new ETag (If-Range not honoured) is not appended", async (t) => {
  const s = await startStorage(t);
  const dir = await tempDir(t);
  s.objects.set("/b/a.zip", object(bytes(100_000, 1)));
  s.fault = (_p, n) => (n === 1 ? { cutAt: 30_000 } : undefined);
  await failAfterCut(s, s.url("/b/a.zip"), dir);
  const changed = bytes(100_000, 2);
  s.objects.set("/b/a.zip", object(changed));
  // This server honours Range whatever If-Range says, like a cache that drops the header.
  s.fault = (_p, _n, req) => {
    delete req.headers["if-range"];
    return undefined;
  };
  const events: DownloadProgress[] = [];
  const [file] = await downloadArchive([s.url("/b/a.zip")], {
    dir,
    onProgress: (e) => events.push(e),
  });
  assert.equal(file?.md5, md5(changed));
  assert.match(events.find((e) => e.event === "restart")?.reason ?? "", /ETag/);
});

test("a server that keeps forcing a new start is given up on", async (t) => {
  const s = await startStorage(t);
  const dir = await tempDir(t);
  s.objects.set("/b/a.zip", object(bytes(50_000)));
  // Every answer is cut, and every later one ignores Range: no progress can ever be kept.
  s.fault = (_p, n) => ({ cutAt: 20_000, ignoreRange: n > 1 });
  const err = await rejectsWith(
    downloadArchive([s.url("/b/a.zip")], {
      dir,
      retry: { attempts: 100, baseDelayMs: 1, maxDelayMs: 1 },
      onProgress: (e) => cutOnData(s, e),
    }),
    "api",
  );
  assert.match(err.message, /start over 5 times/);
});

test("a corrupt download is fetched once more, then refused as integrity", async (t) => {
  const s = await startStorage(t);
  const dir = await tempDir(t);
  const body = bytes(80_000);
  s.objects.set("/b/once.zip", object(body));
  s.objects.set("/b/always.zip", object(bytes(80_000, 9)));
  s.fault = (p, n) => (p === "/b/always.zip" || n === 1 ? { corrupt: true } : undefined);
  const events: DownloadProgress[] = [];
  const [file] = await downloadArchive([s.url("/b/once.zip")], {
    dir,
    onProgress: (e) => events.push(e),
  });
  assert.equal(file?.md5, md5(body));
  assert.equal(events.filter((e) => e.event === "mismatch").length, 1);
  const err = await rejectsWith(downloadArchive([s.url("/b/always.zip")], { dir }), "integrity");
  assert.match(err.message, /always\.zip/);
  assert.equal(s.requests.filter((r) => r.path === "/b/always.zip").length, 2);
  assert.deepEqual(await readdir(dir), ["once.zip"]);
});

test("an expired URL is refreshed once and the download completes", async (t) => {
  const s = await startStorage(t);
  const dir = await tempDir(t);
  const a = bytes(10_000, 1);
  const b = bytes(20_000, 2);
  s.objects.set("/b/a.zip", object(a));
  s.objects.set("/b/b.zip", object(b));
  s.fault = (_p, _n, req) =>
    req.query.get("X-Goog-Signature") === "old" ? { status: 403 } : undefined;
  let refreshes = 0;
  const files = await downloadArchive(
    {
      urls: [s.url("/b/a.zip", "X-Goog-Signature=old"), s.url("/b/b.zip", "X-Goog-Signature=old")],
    },
    {
      dir,
      refresh: async () => {
        refreshes++;
        return {
          urls: [
            s.url("/b/a.zip", "X-Goog-Signature=new"),
            s.url("/b/b.zip", "X-Goog-Signature=new"),
          ],
        };
      },
    },
  );
  assert.equal(refreshes, 1);
  assert.deepEqual(
    files.map((f) => f.md5),
    [md5(a), md5(b)],
  );
  const err = await rejectsWith(
    downloadArchive([s.url("/b/a.zip", "X-Goog-Signature=old")], { dir: join(dir, "x") }),
    "api",
  );
  assert.doesNotMatch(err.message, /X-Goog-Signature=old/);
});

test("a full disk mid-download names the file and keeps the .part for a resume", async (t) => {
  const { s, dir, body } = await oneObject(t, 300_000);
  let written = 0;
  const err = await rejectsWith(
    downloadArchive([s.url("/b/a.zip")], {
      dir,
      openPartFile: async (path, mode) => {
        const { openPartFileOnDisk } = await import("../../src/archive/part-file.js");
        const sink = await openPartFileOnDisk(path, mode);
        return {
          async write(chunks) {
            for (const chunk of chunks) {
              const room = 100_000 - written;
              if (chunk.length > room) {
                await sink.write([chunk.subarray(0, room)]);
                written += room;
                throw Object.assign(new Error("no space left on device"), { code: "ENOSPC" });
              }
              written += chunk.length;
              await sink.write([chunk]);
            }
          },
          close: () => sink.close(),
        };
      },
    }),
    "io",
  );
  assert.match(err.message, /a\.zip\.part/);
  assert.match(err.message, /disk is full/);
  assert.equal((await stat(join(dir, "a.zip.part"))).size, written);
  await assert.rejects(stat(join(dir, "a.zip")));
  const [file] = await downloadArchive([s.url("/b/a.zip")], { dir });
  assert.equal(file?.md5, md5(body));
  assert.equal(s.requests.at(-1)?.headers.range, `bytes=${written}-`);
});

test("transient 503s are retried, honouring Retry-After", async (t) => {
  const s = await startStorage(t);
  const dir = await tempDir(t);
  s.objects.set("/b/a.zip", object(bytes(1000)));
  s.fault = (_p, n) => (n <= 2 ? { status: 503, retryAfter: "0" } : undefined);
  const events: DownloadProgress[] = [];
  await downloadArchive([s.url("/b/a.zip")], {
    dir,
    retry: fast,
    onProgress: (e) => events.push(e),
  });
  assert.deepEqual(
    events.filter((e) => e.event === "retry").map((e) => e.delayMs),
    [0, 0],
  );
  s.fault = () => ({ status: 500 });
  const err = await rejectsWith(
    downloadArchive([s.url("/b/a.zip")], { dir: join(dir, "y"), retry: fast }),
    "network",
  );
  // Nothing was written, so no .part exists and the message must not claim one.
  await assert.rejects(stat(join(dir, "y", "a.zip.part")));
  assert.doesNotMatch(err.message, /\.part/);
  assert.match(err.message, /No bytes were received yet/);
});

test("unsafe names from URL paths stay inside dir and unique", async (t) => {
  const s = await startStorage(t);
  const dir = await tempDir(t);
  const paths = [
    "/b/..%2F..%2Fevil.zip",
    "/b/a%00%0Ab.zip",
    "/b/A.zip",
    "/b2/a.zip",
    "/b/con",
    "/b/x.zip.part",
    "/b/export.json",
    "/b/%2E%2E%2F",
  ];
  for (const [i, p] of paths.entries()) {
    s.objects.set(p, object(bytes(100, i + 1)));
  }
  const urls = paths.map((p) => s.url(p));
  const files = await downloadArchive(urls, { dir });
  const names = files.map((f) => f.name);
  assert.equal(new Set(names.map((n) => n.toLowerCase())).size, names.length);
  for (const name of names) {
    assert.doesNotMatch(name, /[/\\]|\.\./);
    assert.equal(withoutControlChars(name), name);
    assert.notEqual(name, "export.json");
  }
  assert.equal((await readdir(dir)).length, files.length);
});

test("bad input fails before any request", async (t) => {
  const s = await startStorage(t);
  const dir = await tempDir(t);
  s.objects.set("/b/a.zip", object(bytes(10)));
  const file = join(dir, "file");
  await writeFile(file, "x");
  await rejectsWith(downloadArchive([s.url("/b/a.zip")], { dir: file }), "usage");
  await rejectsWith(downloadArchive([s.url("/b/a.zip")], { dir: join(file, "sub") }), "usage");
  await rejectsWith(downloadArchive(["file:///etc/passwd"], { dir }), "usage");
  assert.equal(s.requests.length, 0);
});

test("abort stops at once and keeps the .part", async (t) => {
  const s = await startStorage(t);
  const dir = await tempDir(t);
  s.objects.set("/b/a.zip", object(bytes(100_000)));
  s.fault = () => ({ cutAt: 10_000 });
  const controller = new AbortController();
  const p = downloadArchive([s.url("/b/a.zip")], {
    dir,
    signal: controller.signal,
    retry: { attempts: 5, baseDelayMs: 60_000, maxDelayMs: 60_000 },
    onProgress: (e) => {
      cutOnData(s, e);
      if (e.event === "retry") {
        controller.abort();
      }
    },
  });
  await rejectsWith(p, "aborted");
  assert.ok((await stat(join(dir, "a.zip.part"))).size > 0);
});

test("a slow body reports data by time, and every event but start carries totalBytes", async (t) => {
  const body = bytes(40_000, 3);
  const pieces = 4;
  const server = createServer((_req, res) => {
    res.writeHead(200, { "content-length": String(body.length), etag: '"slow"' });
    const size = body.length / pieces;
    let i = 0;
    // Far below 1 MiB, spaced wider than the 250 ms throttle: each piece deserves an event.
    const send = () => {
      res.write(body.subarray(i * size, (i + 1) * size));
      i++;
      if (i < pieces) {
        setTimeout(send, 300);
      } else {
        res.end();
      }
    };
    send();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  const events: DownloadProgress[] = [];
  const [file] = await downloadArchive([`http://127.0.0.1:${port}/b/slow.zip?X-Goog-Signature=s`], {
    dir: await tempDir(t),
    onProgress: (e) => events.push(e),
  });
  assert.equal(file?.size, body.length);
  const data = events.filter((e) => e.event === "data");
  assert.ok(data.length >= 3, `data events at ${data.map((e) => e.bytes).join(", ")}`);
  for (const e of events.filter((x) => x.event !== "start")) {
    assert.equal(e.totalBytes, body.length, `${e.event} at ${e.bytes}`);
  }
});

test("a resumed .part reports its total from .part.json and the 206", async (t) => {
  const { s, dir } = await oneObject(t, 150_000);
  s.fault = (_p, n) => (n === 1 ? { cutAt: 40_000 } : undefined);
  await failAfterCut(s, s.url("/b/a.zip"), dir);
  const events: DownloadProgress[] = [];
  await downloadArchive([s.url("/b/a.zip")], { dir, onProgress: (e) => events.push(e) });
  assert.deepEqual(
    events.map((e) => [e.event, e.totalBytes]),
    events.map((e) => [e.event, 150_000]),
  );
  assert.ok(events.some((e) => e.event === "data"));
});

test("a download that outlasts two URL lifetimes refreshes again after progress", async (t) => {
  const { s, dir, body } = await oneObject(t, 300_000);
  // old: expired. r1: serves 100 kB, then expires too. r2: works.
  s.fault = (_p, n, req) => {
    const sig = req.query.get("X-Goog-Signature");
    if (sig === "r1" && n === 2) {
      return { cutAt: 100_000 };
    }
    return sig === "old" || sig === "r1" ? { status: 403 } : undefined;
  };
  let refreshes = 0;
  const events: DownloadProgress[] = [];
  const [file] = await downloadArchive([s.url("/b/a.zip", "X-Goog-Signature=old")], {
    dir,
    retry: fast,
    refresh: async () => {
      refreshes++;
      return [s.url("/b/a.zip", `X-Goog-Signature=r${refreshes}`)];
    },
    onProgress: (e) => {
      events.push(e);
      cutOnData(s, e);
    },
  });
  assert.equal(file?.md5, md5(body));
  assert.equal(refreshes, 2);
  assert.equal(events.filter((e) => e.event === "refresh").length, 2);
  assert.match(s.requests.at(-1)?.headers.range ?? "", /^bytes=\d+-$/);

  // A fresh URL refused before any byte moved is an error, not a loop.
  s.fault = () => ({ status: 403 });
  let tries = 0;
  await rejectsWith(
    downloadArchive([s.url("/b/a.zip", "X-Goog-Signature=old")], {
      dir: join(dir, "z"),
      retry: fast,
      refresh: async () => {
        tries++;
        return [s.url("/b/a.zip", `X-Goog-Signature=n${tries}`)];
      },
    }),
    "api",
  );
  assert.equal(tries, 1);
});
