/** A node:http server on 127.0.0.1 answering every request with one JSON status and body. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestContext } from "node:test";

/** `body` gets the request's bearer token, so tests can make a server echo it. Returns the URL. */
export async function jsonServer(
  t: TestContext,
  status: number,
  body: (token: string) => unknown,
): Promise<string> {
  const server = createServer((req, res) => {
    const token = String(req.headers.authorization).replace(/^Bearer /, "");
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body(token)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
