/**
 * The built-in transport for signed URLs (http-get.ts): HTTP framing from raw sockets, and how
 * downloadArchive uses it for redirects, stalls and aborts.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type TestContext, test } from "node:test";
import { downloadArchive } from "../../src/archive/download.js";
import { chunkedBody } from "../../src/archive/http-chunked.js";
import { httpGet } from "../../src/archive/http-get.js";
import { isDataPortabilityError } from "../../src/errors.js";
import { bytes, md5, object, startStorage } from "./helpers/storage-server.js";

async function tempDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "dp-http-get-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A raw TCP server that answers every connection with `pieces`, each a separate write. */
async function rawServer(t: TestContext, pieces: (string | Buffer)[], end = true) {
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once("data", async (data) => {
      seen.push(data.toString("latin1"));
      for (const piece of pieces) {
        socket.write(piece);
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (end) {
        socket.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.after(() => {
    for (const socket of sockets) {
      socket.destroy();
    }
    server.close();
  });
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/b/a.zip?X-Goog-Signature=s`, seen };
}

async function bodyText(url: string): Promise<{ status: number; text: string; type: string }> {
  const res = await httpGet(5_000)(url, {}, new AbortController().signal);
  const parts: Buffer[] = [];
  for await (const chunk of res.body) {
    parts.push(Buffer.from(chunk));
  }
  await res.discard();
  return {
    status: res.status,
    text: Buffer.concat(parts).toString(),
    type: res.headers.get("Content-Type") ?? "",
  };
}

test("chunked bodies decode across any split, with extensions and trailers", async () => {
  const wire = "5;ext=1\r\nhello\r\n1\r\n,\r\n6\r\n world\r\n0\r\nx-trailer: 1\r\n\r\n";
  for (let size = 1; size <= wire.length; size++) {
    const pieces: Uint8Array[] = [];
    for (let i = 0; i < wire.length; i += size) {
      pieces.push(Buffer.from(wire.slice(i, i + size)));
    }
    const source = { next: async () => pieces.shift() };
    const out: string[] = [];
    for await (const piece of chunkedBody(new Uint8Array(0), source)) {
      out.push(Buffer.from(piece).toString());
    }
    assert.equal(out.join(""), "hello, world", `pieces of ${size}`);
  }
  const cut = [Buffer.from("5\r\nhel")];
  await assert.rejects(async () => {
    for await (const _ of chunkedBody(new Uint8Array(0), { next: async () => cut.shift() })) {
    }
  }, /closed inside a chunked body/);
});

test("heads split over packets, 1xx answers, repeated headers, close-delimited bodies", async (t) => {
  const { url, seen } = await rawServer(t, [
    "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-",
    "Type: application/zip\r\nX-Goog-Hash: crc32c=a\r\nx-goog-hash: md5=b\r\n\r",
    "\nfirst ",
    "second",
  ]);
  const res = await httpGet(5_000)(url, { range: "bytes=0-" }, new AbortController().signal);
  assert.equal(res.headers.get("x-goog-hash"), "crc32c=a, md5=b");
  await res.discard();
  assert.deepEqual(await bodyText(url), {
    status: 200,
    text: "first second",
    type: "application/zip",
  });
  assert.match(seen[0] ?? "", /^GET \/b\/a\.zip\?X-Goog-Signature=s HTTP\/1\.1\r\n/);
  assert.match(seen[0] ?? "", /\r\nrange: bytes=0-\r\n/);
  assert.match(seen[0] ?? "", /\r\nAccept-Encoding: identity\r\n/);
  assert.doesNotMatch(seen[0] ?? "", /authorization/i);
});

test("a body shorter than its Content-Length fails instead of ending quietly", async (t) => {
  const { url } = await rawServer(t, ["HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"]);
  await assert.rejects(bodyText(url), /closed after 3 of 10 bytes/);
});

test("a redirect is not followed but reported", async (t) => {
  const { url, seen } = await rawServer(t, [
    "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:1/elsewhere\r\nContent-Length: 0\r\n\r\n",
  ]);
  const dir = await tempDir(t);
  await assert.rejects(downloadArchive([url], { dir }), (error) => {
    assert.ok(isDataPortabilityError(error));
    assert.equal(error.kind, "api");
    assert.equal(error.httpStatus, 302);
    assert.doesNotMatch(error.message, /X-Goog-Signature=s/);
    return true;
  });
  assert.equal(seen.length, 1);
});

test("a stalled connection times out and the download resumes from the last byte", async (t) => {
  const s = await startStorage(t);
  const dir = await tempDir(t);
  const body = bytes(100_000);
  s.objects.set("/b/a.zip", object(body));
  // The first answer sends 40 000 bytes and then nothing, holding the connection open.
  s.fault = (_p, n) => (n === 1 ? { cutAt: 40_000 } : undefined);
  const [file] = await downloadArchive([s.url("/b/a.zip")], {
    dir,
    idleTimeoutMs: 50,
    retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
  });
  assert.equal(file?.md5, md5(body));
  assert.ok((await readFile(join(dir, "a.zip"))).equals(body));
  assert.match(s.requests[1]?.headers.range ?? "", /^bytes=[1-9]\d*-$/);
});

test("abort ends a stalled body at once", async (t) => {
  const s = await startStorage(t);
  const dir = await tempDir(t);
  s.objects.set("/b/a.zip", object(bytes(100_000)));
  s.fault = () => ({ cutAt: 10_000 });
  const controller = new AbortController();
  await assert.rejects(
    downloadArchive([s.url("/b/a.zip")], {
      dir,
      signal: controller.signal,
      onProgress: (e) => {
        if (e.event === "data") {
          controller.abort();
        }
      },
    }),
    (error) => isDataPortabilityError(error) && error.kind === "aborted",
  );
});
