/**
 * A node:http server on 127.0.0.1:0 that plays the job state endpoint from a script, for
 * waitForArchive tests, plus a client for it.
 */

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestContext } from "node:test";
import { createDataPortabilityClient } from "../../../src/client.js";

export interface StateServer {
  client: ReturnType<typeof createDataPortabilityClient>;
  /** Paths of the requests seen, in order. */
  seen: string[];
}

/** Answers the n-th state read (from 1) with `script(n)`: a state object or an HTTP status. */
export async function startStateServer(
  t: TestContext,
  script: (n: number) => Record<string, unknown> | number,
): Promise<StateServer> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(req.url ?? "");
    const answer = script(seen.length);
    const body =
      typeof answer === "number"
        ? { error: { code: answer, message: "scripted", status: "INTERNAL" } }
        : answer;
    res.writeHead(typeof answer === "number" ? answer : 200, {
      "content-type": "application/json",
    });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  t.after(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const client = createDataPortabilityClient({
    auth: "test-token",
    baseUrl: `http://127.0.0.1:${port}`,
    retry: false,
  });
  return { client, seen };
}
