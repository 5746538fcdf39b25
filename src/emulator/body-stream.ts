/**
 * Response bodies as pull-based streams (a chunk is produced only when the reader asks, so a
 * multi-GiB download keeps memory flat), with the body faults applied on the way out: slow
 * delivery, a cut after N bytes, one corrupted byte.
 * @module
 */

import { delay } from "../util/delay.js";
import type { Fault } from "./faults.js";

/** Raised inside a body stream cut short by a fault; the server answers it by closing the socket. */
export class BodyCutError extends Error {
  override readonly name = "BodyCutError";
}

type Chunks = Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

async function* withFaults(
  source: Chunks,
  faults: readonly Fault[],
  length: number,
): AsyncGenerator<Uint8Array> {
  let cutAt = Number.POSITIVE_INFINITY;
  let corruptAt = -1;
  let slow: Extract<Fault, { kind: "slow" }> | undefined;
  for (const f of faults) {
    if (f.kind === "cut") {
      cutAt = Math.min(cutAt, f.afterBytes);
    } else if (f.kind === "corrupt") {
      corruptAt = f.atByte ?? Math.floor(length / 2);
    } else if (f.kind === "slow") {
      slow = f;
    }
  }
  let pos = 0;
  for await (const original of source) {
    let chunk = original;
    if (pos + chunk.byteLength > cutAt) {
      chunk = chunk.subarray(0, Math.max(0, cutAt - pos));
    }
    if (corruptAt >= pos && corruptAt < pos + chunk.byteLength) {
      chunk = Uint8Array.from(chunk); // never touch the shared source block
      chunk[corruptAt - pos] = ((chunk[corruptAt - pos] as number) ^ 0xff) & 0xff;
    }
    if (slow === undefined) {
      if (chunk.byteLength > 0) {
        yield chunk;
      }
    } else {
      const step = Math.max(1, slow.chunkBytes ?? 16 * 1024);
      for (let i = 0; i < chunk.byteLength; i += step) {
        await delay(slow.delayMs);
        yield chunk.subarray(i, i + step);
      }
    }
    pos += chunk.byteLength;
    if (pos >= cutAt) {
      throw new BodyCutError(`body cut after ${cutAt} bytes by an injected fault`);
    }
  }
}

/** A pull-based stream over `source` with the body faults of `faults` applied. */
export function bodyStream(
  source: Chunks,
  faults: readonly Fault[],
  length: number,
): ReadableStream<Uint8Array> {
  const iterator = withFaults(source, faults, length);
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done, value } = await iterator.next();
          if (done) {
            controller.close();
          } else {
            controller.enqueue(value);
          }
        } catch (error) {
          controller.error(error);
        }
      },
      async cancel() {
        await iterator.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}

/** True when some fault changes how a body is delivered. */
export function hasBodyFault(faults: readonly Fault[]): boolean {
  return faults.some((f) => f.kind === "slow" || f.kind === "cut" || f.kind === "corrupt");
}

/** `response` with its body re-streamed through the body faults (API answers are small). */
export async function applyBodyFaults(
  response: Response,
  faults: readonly Fault[],
): Promise<Response> {
  if (!hasBodyFault(faults) || response.body === null) {
    return response;
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  return new Response(bodyStream([bytes], faults, bytes.byteLength), {
    status: response.status,
    headers: response.headers,
  });
}
