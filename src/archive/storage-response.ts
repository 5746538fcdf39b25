/**
 * What the downloader needs from one GET of a signed URL, whatever transport made it: the
 * default `node:http`-free socket client (http-get.ts) or a caller's `fetch`.
 * @module
 */

/** A fetch that takes a Request; `globalThis.fetch` is one. */
export type FetchRequest = (request: Request) => Promise<Response>;

/** One answer from storage. */
export interface StorageResponse {
  readonly status: number;
  /** Header lookup by any case; repeated headers joined with ", " as `fetch` does. */
  readonly headers: { get(name: string): string | null };
  /**
   * The body in order. A chunk may be overwritten once the next one is asked for, so hash and
   * write each before continuing. Throws when the connection fails or ends early.
   */
  readonly body: AsyncIterable<Uint8Array>;
  /** Drops the rest of the body and the connection; safe to call more than once. */
  discard(): Promise<void>;
}

/**
 * GETs a signed URL with `headers` (Range, If-Range; never Authorization). Rejects on network
 * errors before the status line; `signal` aborts the request and the body.
 */
export type StorageGet = (
  url: string,
  headers: Readonly<Record<string, string>>,
  signal: AbortSignal,
) => Promise<StorageResponse>;

/**
 * A {@link StorageGet} over a caller's fetch (tests, custom transports, the emulator's
 * handler). Redirects are not followed: signed URLs answer directly, so a 3xx is an error.
 */
export function fetchGet(fetch: FetchRequest): StorageGet {
  return async (url, headers, signal) => {
    const res = await fetch(new Request(url, { headers, signal, redirect: "manual" }));
    const reader = res.body?.getReader();
    // The Request's own signal follows `signal` only while the Request is alive; once it is
    // collected mid-body (undici holds it weakly), an abort no longer reaches the body. So the
    // reader is cancelled from `signal` directly.
    const onAbort = () => void reader?.cancel(signal.reason).catch(() => undefined);
    signal.addEventListener("abort", onAbort, { once: true });
    return {
      status: res.status,
      headers: res.headers,
      body: {
        async *[Symbol.asyncIterator]() {
          try {
            for (;;) {
              const chunk = await reader?.read();
              if (chunk === undefined || chunk.done) {
                return;
              }
              yield chunk.value;
            }
          } finally {
            signal.removeEventListener("abort", onAbort);
          }
        },
      },
      discard: async () => {
        signal.removeEventListener("abort", onAbort);
        await reader?.cancel().catch(() => undefined);
      },
    };
  };
}
