/**
 * A real node:http server on 127.0.0.1, port 0, for one test: it records every request
 * (method, path, headers, body) before handing it to the test's handler.
 */

import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestContext } from "node:test";
import { createDataPortabilityClient } from "../../../src/client.js";
import type { DataPortabilityClientOptions } from "../../../src/options.js";

export interface Recorded {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** `index` counts requests from 0 in arrival order. */
export type Handler = (req: Recorded, res: ServerResponse, index: number) => void | Promise<void>;

export interface TestServer {
  url: string;
  requests: Recorded[];
  close(): Promise<void>;
}

export async function startServer(t: TestContext, handler: Handler): Promise<TestServer> {
  const requests: Recorded[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
    }
    const recorded: Recorded = {
      method: req.method ?? "",
      path: req.url ?? "",
      headers: req.headers,
      body: Buffer.concat(chunks).toString("utf8"),
    };
    requests.push(recorded);
    try {
      await handler(recorded, res, requests.length - 1);
    } catch (error) {
      res.destroy(error as Error);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  t.after(close);
  return { url: `http://127.0.0.1:${port}`, requests, close };
}

/** A port nothing listens on (bound, then released), for connection-refused tests. */
export async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** A Google JSON error (`google.rpc.Status`), ErrorInfo first as the API puts it. */
export function googleError(
  code: number,
  status: string,
  message: string,
  details: Record<string, unknown>[] = [],
): unknown {
  return { error: { code, status, message, details } };
}

export function errorInfo(reason: string, metadata: Record<string, string> = {}) {
  return {
    "@type": "type.googleapis.com/google.rpc.ErrorInfo",
    reason,
    domain: "dataportability.googleapis.com",
    metadata,
  };
}

/** Fast retry settings so that tests wait milliseconds, not seconds. */
export const FAST_RETRY = { attempts: 3, baseDelayMs: 1, maxDelayMs: 4, random: () => 0.5 };

/** A client on `server` with a static token and fast retries; `options` override. */
export function testClient(
  server: { url: string },
  options: Partial<DataPortabilityClientOptions<"v1">> = {},
) {
  return createDataPortabilityClient({
    auth: "test-token",
    baseUrl: server.url,
    retry: FAST_RETRY,
    ...options,
  });
}
