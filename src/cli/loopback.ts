/**
 * The loopback half of the installed-app OAuth flow: a one-shot HTTP server on 127.0.0.1 and a
 * random port that waits for the browser to come back with `?code=…&state=…`.
 * @module
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { DataPortabilityError } from "../errors.js";

const CALLBACK_PATH = "/oauth2callback";

export interface LoopbackServer {
  redirectUri: string;
  /** Resolves with the authorization code once the browser returns with the expected state. */
  code: Promise<string>;
  close(): void;
}

/** Starts listening; `state` is the value the redirect must carry back (CSRF protection). */
export async function listenForCode(state: string, signal: AbortSignal): Promise<LoopbackServer> {
  let settle: { resolve(code: string): void; reject(error: unknown): void } | undefined;
  const code = new Promise<string>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // Marked handled here: when presenting the URL fails first, nobody awaits this promise.
  code.catch(() => {});
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (url.pathname !== CALLBACK_PATH) {
      response.writeHead(404).end();
      return;
    }
    const page = (status: number, text: string) => {
      response.writeHead(status, {
        "content-type": "text/html; charset=utf-8",
        connection: "close",
      });
      response.end(`<!doctype html><title>dataportability</title><p>${text}</p>`);
    };
    const error = url.searchParams.get("error");
    if (url.searchParams.get("state") !== state) {
      page(400, "This sign-in link is stale or was not started here. Run the login again.");
      settle?.reject(
        authError(
          "the browser came back with an unexpected state (a stale or forged redirect); run `dataportability login` again",
        ),
      );
    } else if (error) {
      page(400, "Access was not granted. You can close this tab.");
      settle?.reject(
        authError(
          `authorization was not granted (${error.slice(0, 80)}); run \`dataportability login\` again and allow access`,
        ),
      );
    } else if (url.searchParams.get("code")) {
      page(200, "Signed in. You can close this tab and return to the terminal.");
      settle?.resolve(url.searchParams.get("code") ?? "");
    } else {
      page(400, "The redirect carried no authorization code.");
      settle?.reject(
        authError("the redirect carried no authorization code; run `dataportability login` again"),
      );
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const onAbort = () => settle?.reject(signal.reason);
  signal.addEventListener("abort", onAbort, { once: true });
  const { port } = server.address() as AddressInfo;
  return {
    redirectUri: `http://127.0.0.1:${port}${CALLBACK_PATH}`,
    code,
    close() {
      signal.removeEventListener("abort", onAbort);
      server.closeAllConnections();
      server.close();
    },
  };
}

function authError(message: string): DataPortabilityError {
  return new DataPortabilityError({ kind: "auth", message });
}
