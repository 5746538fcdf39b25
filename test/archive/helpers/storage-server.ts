/**
 * A tiny signed-URL storage server on 127.0.0.1:0 for download tests: serves byte buffers
 * with ETag, Content-Length, x-goog-hash and Range, records every request, and lets each
 * test inject one fault per request (status, cut body, ignored Range, corrupt byte).
 */

import { createHash } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestContext } from "node:test";
import { crc32c, crc32cBase64 } from "../../../src/util/crc32c.js";

export interface StoredObject {
  body: Buffer;
  etag: string;
  /** Which hashes x-goog-hash carries. @default "both" */
  hashes?: "both" | "crc32c" | "none";
}

export interface SeenRequest {
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  status?: number;
}

export interface Fault {
  status?: number;
  retryAfter?: string;
  /**
   * Send only this many body bytes, then close the connection (the client sees a short body).
   * The close waits for `storage.cut()`: fetch drops chunks it has queued but not yet handed
   * out when the body errors, so a test cuts once the client reported bytes on disk.
   */
  cutAt?: number;
  /** Answer 200 with the whole body even when Range was asked. */
  ignoreRange?: boolean;
  /** Flip one byte of what is sent (hash headers stay those of the true object). */
  corrupt?: boolean;
}

export interface Storage {
  url: (path: string, query?: string) => string;
  objects: Map<string, StoredObject>;
  requests: SeenRequest[];
  /** Closes every connection held open by a `cutAt` fault. */
  cut: () => void;
  /** Decide a fault for a request; `n` counts requests for that path, from 1. */
  fault: (path: string, n: number, req: SeenRequest) => Fault | undefined;
}

export function object(body: Buffer, etag = `"${md5(body).slice(0, 8)}"`): StoredObject {
  return { body, etag };
}

export function md5(data: Buffer): string {
  return createHash("md5").update(data).digest("base64");
}

export function crc(data: Buffer): string {
  return crc32cBase64(crc32c(data));
}

/** Deterministic pseudo-random bytes. */
export function bytes(size: number, seed = 1): Buffer {
  const out = Buffer.alloc(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

export async function startStorage(t: TestContext): Promise<Storage> {
  const counts = new Map<string, number>();
  const held = new Set<import("node:net").Socket>();
  const storage: Storage = {
    cut: () => {
      for (const socket of held) {
        socket.end();
      }
      held.clear();
    },
    url: () => "",
    objects: new Map(),
    requests: [],
    fault: () => undefined,
  };
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? "/", "http://x");
    const seen: SeenRequest = { path: u.pathname, query: u.searchParams, headers: req.headers };
    storage.requests.push(seen);
    const n = (counts.get(u.pathname) ?? 0) + 1;
    counts.set(u.pathname, n);
    const fault = storage.fault(u.pathname, n, seen) ?? {};
    const obj = storage.objects.get(u.pathname);
    const status = fault.status ?? (obj === undefined ? 404 : 200);
    if (status !== 200 || obj === undefined) {
      seen.status = status;
      res.writeHead(status, fault.retryAfter ? { "retry-after": fault.retryAfter } : {});
      res.end("<Error><Code>Refused</Code></Error>");
      return;
    }
    const headers: Record<string, string> = { etag: obj.etag, "content-type": "application/zip" };
    if (obj.hashes === "crc32c") {
      headers["x-goog-hash"] = `crc32c=${crc(obj.body)}`;
    } else if (obj.hashes !== "none") {
      headers["x-goog-hash"] = `crc32c=${crc(obj.body)},md5=${md5(obj.body)}`;
    }
    let start = 0;
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? "");
    const ifRange = req.headers["if-range"];
    const rangeApplies =
      range && !fault.ignoreRange && (ifRange === undefined || ifRange === obj.etag);
    if (rangeApplies) {
      start = Number(range[1]);
      headers["content-range"] = `bytes ${start}-${obj.body.length - 1}/${obj.body.length}`;
    }
    let payload = obj.body.subarray(start);
    if (fault.corrupt && payload.length > 0) {
      payload = Buffer.from(payload);
      payload[payload.length >> 1] = (payload[payload.length >> 1] as number) ^ 0xff;
    }
    headers["content-length"] = String(payload.length);
    seen.status = rangeApplies ? 206 : 200;
    res.writeHead(seen.status, headers);
    if (fault.cutAt !== undefined) {
      res.flushHeaders();
      // Raw socket writes: the headers promised more bytes than will come.
      res.socket?.write(payload.subarray(0, fault.cutAt));
      if (res.socket) {
        held.add(res.socket);
      }
      return;
    }
    res.end(payload);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  storage.url = (path, query = "X-Goog-Signature=abc") =>
    `http://127.0.0.1:${port}${path}?${query}`;
  t.after(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return storage;
}
