/**
 * The default transport for signed URLs: a minimal HTTP/1.1 GET over `net`/`tls` that reads
 * into reused buffers (see socket-chunks.ts for why not `fetch` or `node:http`). It sends
 * only what a signed URL needs (Host, Range, If-Range; never Authorization), asks for the
 * stored bytes as they are (`Accept-Encoding: identity`, so Range offsets match the file), and
 * reads bodies framed by Content-Length, chunked encoding or the end of the connection.
 * @module
 */

import { isIP, type OnReadOpts, connect as tcpConnect } from "node:net";
import { type ConnectionOptions, connect as tlsConnect } from "node:tls";
import { chunkedBody } from "./http-chunked.js";
import { SocketChunks } from "./socket-chunks.js";
import type { StorageGet } from "./storage-response.js";

/** A response head larger than this is refused (storage sends a few hundred bytes). */
const MAX_HEAD_BYTES = 64 * 1024;

/** A {@link StorageGet} on plain sockets; a connection idle for `idleTimeoutMs` fails. */
export function httpGet(idleTimeoutMs: number): StorageGet {
  return async (url, headers, signal) => {
    signal.throwIfAborted();
    const u = new URL(url);
    const tls = u.protocol === "https:";
    const host = u.hostname.replace(/^\[(.*)\]$/, "$1");
    const port = Number(u.port || (tls ? 443 : 80));
    const chunks = new SocketChunks();
    // tls.connect takes `onread` as net.connect does (Node >= 13); @types/node omits it.
    const tlsOptions: ConnectionOptions & { onread: OnReadOpts } = {
      host,
      port,
      // SNI takes names only; certificates are verified as always.
      ...(isIP(host) === 0 ? { servername: host } : {}),
      ALPNProtocols: ["http/1.1"],
      onread: chunks.onread,
    };
    const socket = tls ? tlsConnect(tlsOptions) : tcpConnect({ host, port, onread: chunks.onread });
    chunks.attach(socket, idleTimeoutMs, signal);
    try {
      socket.write(requestHead(u, headers));
      const head = await readHead(chunks);
      return {
        status: head.status,
        headers: { get: (name) => head.headers.get(name.toLowerCase()) ?? null },
        body: { [Symbol.asyncIterator]: () => bodyOf(head, chunks) },
        discard: async () => chunks.close(),
      };
    } catch (error) {
      chunks.close();
      throw error;
    }
  };
}

function requestHead(u: URL, headers: Readonly<Record<string, string>>): string {
  const lines = [
    `GET ${u.pathname}${u.search} HTTP/1.1`,
    `Host: ${u.host}`,
    "Accept-Encoding: identity",
    "Connection: close",
  ];
  for (const [name, value] of Object.entries(headers)) {
    // A value from a damaged .part.json must not be able to add headers.
    if (/[\r\n\0]/.test(name + value)) {
      throw new Error(`invalid ${name} header value`);
    }
    lines.push(`${name}: ${value}`);
  }
  return `${lines.join("\r\n")}\r\n\r\n`;
}

interface Head {
  status: number;
  headers: Map<string, string>;
  /** Body bytes that came with the head (a copy). */
  rest: Uint8Array;
}

/** Reads the status line and headers; interim 1xx answers are skipped. */
async function readHead(chunks: SocketChunks): Promise<Head> {
  let pending = Buffer.alloc(0);
  for (;;) {
    const end = pending.indexOf("\r\n\r\n");
    if (end < 0) {
      if (pending.length > MAX_HEAD_BYTES) {
        throw new Error("the response head is too large");
      }
      const chunk = await chunks.next();
      if (chunk === undefined) {
        throw new Error("the server closed the connection before answering");
      }
      pending = Buffer.concat([pending, chunk]);
      continue;
    }
    const [statusLine = "", ...lines] = pending.toString("latin1", 0, end).split("\r\n");
    const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
    if (match === null) {
      throw new Error("the server did not answer with HTTP/1.1");
    }
    const status = Number(match[1]);
    pending = pending.subarray(end + 4);
    if (status >= 100 && status < 200) {
      continue;
    }
    const headers = new Map<string, string>();
    for (const line of lines) {
      const colon = line.indexOf(":");
      if (colon > 0) {
        const name = line.slice(0, colon).trim().toLowerCase();
        const value = line.slice(colon + 1).trim();
        const before = headers.get(name);
        headers.set(name, before === undefined ? value : `${before}, ${value}`);
      }
    }
    return { status, headers, rest: pending };
  }
}

function bodyOf(head: Head, chunks: SocketChunks): AsyncIterator<Uint8Array> {
  if (head.status === 204 || head.status === 304) {
    return (async function* () {})();
  }
  if (/(^|,)\s*chunked\s*$/i.test(head.headers.get("transfer-encoding") ?? "")) {
    return chunkedBody(head.rest, chunks);
  }
  const length = head.headers.get("content-length");
  if (length !== undefined && /^\d+$/.test(length)) {
    return fixedBody(head.rest, chunks, Number(length));
  }
  return untilClose(head.rest, chunks);
}

async function* fixedBody(first: Uint8Array, chunks: SocketChunks, length: number) {
  let got = 0;
  let chunk: Uint8Array | undefined = first;
  while (got < length) {
    if (chunk === undefined) {
      throw new Error(`the connection closed after ${got} of ${length} bytes`);
    }
    if (chunk.length > 0) {
      const piece = chunk.length > length - got ? chunk.subarray(0, length - got) : chunk;
      got += piece.length;
      yield piece;
    }
    if (got < length) {
      chunk = await chunks.next();
    }
  }
}

async function* untilClose(first: Uint8Array, chunks: SocketChunks) {
  for (
    let chunk: Uint8Array | undefined = first;
    chunk !== undefined;
    chunk = await chunks.next()
  ) {
    if (chunk.length > 0) {
      yield chunk;
    }
  }
}
