/**
 * `startEmulator`: the emulator's fetch handler served by `node:http` on a loopback port.
 * Dropped-connection faults destroy the socket; bodies are written with backpressure so a
 * multi-GiB download never piles up in memory; a body cut by a fault closes the socket after
 * the bytes already sent, as a failing server would.
 * @module
 */

import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { createEmulator, type Emulator } from "./emulator.js";
import type { EmulatorOptions } from "./options.js";

export interface StartEmulatorOptions extends EmulatorOptions {
  /** Port to listen on; 0 picks a free one. @default 0 */
  port?: number;
  /** Interface to listen on. @default "127.0.0.1" */
  host?: string;
  /** Serve this emulator instead of creating one from the other options. */
  emulator?: Emulator;
}

export interface RunningEmulator {
  /** Base URL, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  url: string;
  emulator: Emulator;
  /** Stops listening and closes every open connection. */
  close(): Promise<void>;
}

function toRequest(req: IncomingMessage, base: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) {
      headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
  }
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(new URL(req.url ?? "/", base), {
    method,
    headers,
    ...(hasBody
      ? {
          body: Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>,
          duplex: "half" as const,
        }
      : {}),
  });
}

/** Resolves when `res` can take more data; false when the client went away first. */
async function drained(res: ServerResponse): Promise<boolean> {
  if (res.destroyed) {
    return false;
  }
  const ac = new AbortController();
  try {
    const which = await Promise.race([
      once(res, "drain", { signal: ac.signal }).then(() => true),
      once(res, "close", { signal: ac.signal }).then(() => false),
    ]);
    return which;
  } finally {
    ac.abort();
  }
}

async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, headers);
  if (response.body === null) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        break;
      }
      if (!res.write(value) && !(await drained(res))) {
        await reader.cancel();
        return;
      }
    }
    res.end();
  } catch {
    // A body cut by a fault (or any failure mid-body): close without finishing the message.
    res.socket?.destroy();
  }
}

async function serve(
  emulator: Emulator,
  base: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    const result = await emulator.handle(toRequest(req, base));
    if (result.kind === "drop") {
      req.socket.destroy();
      return;
    }
    await writeResponse(result.response, res);
  } catch {
    if (!res.headersSent) {
      res.writeHead(500, { "content-type": "application/json" });
      res.end('{"error":{"code":500,"message":"Emulator error.","status":"INTERNAL"}}\n');
    } else {
      res.socket?.destroy();
    }
  }
}

/** Serves an emulator on `host:port` (127.0.0.1, a free port by default). */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const { port = 0, host = "127.0.0.1", emulator: given, ...rest } = options;
  const emulator = given ?? createEmulator(rest);
  let base = "";
  const server = createServer((req, res) => {
    void serve(emulator, base, req, res);
  });
  server.on("clientError", (_error, socket) => {
    socket.destroy();
  });
  server.listen(port, host);
  await once(server, "listening");
  const address = server.address() as AddressInfo;
  const hostPart = address.family === "IPv6" ? `[${address.address}]` : address.address;
  base = `http://${hostPart}:${address.port}`;
  return {
    url: base,
    emulator,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
}
