/**
 * Decodes a `Transfer-Encoding: chunked` body (RFC 9112 §7.1) from socket chunks without
 * copying the data: each piece handed out is a view of the chunk it arrived in.
 * @module
 */

/** Where the bytes come from: a socket's chunks (see socket-chunks.ts), or a test's list. */
export interface ChunkSource {
  /** The next chunk, `undefined` at the end; the previous one may be reused after the call. */
  next(): Promise<Uint8Array | undefined>;
}

/** A chunk-size or trailer line longer than this is refused. */
const MAX_LINE = 4096;

export async function* chunkedBody(
  first: Uint8Array,
  chunks: ChunkSource,
): AsyncGenerator<Uint8Array> {
  let buf: Uint8Array | undefined = first;
  let pos = 0;
  let line = "";
  /** "size": a chunk-size line; "data": `left` data bytes; "crlf": the line ending a chunk. */
  let state: "size" | "data" | "crlf" | "trailer" = "size";
  let left = 0;
  for (;;) {
    if (pos >= buf.length) {
      buf = await chunks.next();
      pos = 0;
      if (buf === undefined) {
        throw new Error("the connection closed inside a chunked body");
      }
      continue;
    }
    if (state === "data") {
      const piece = buf.subarray(pos, pos + Math.min(left, buf.length - pos));
      pos += piece.length;
      left -= piece.length;
      if (left === 0) {
        state = "crlf";
      }
      yield piece;
      continue;
    }
    const nl = buf.indexOf(0x0a, pos);
    const end = nl < 0 ? buf.length : nl;
    line += Buffer.from(buf.buffer, buf.byteOffset + pos, end - pos).toString("latin1");
    pos = end + 1;
    if (line.length > MAX_LINE) {
      throw new Error("malformed chunked body (line too long)");
    }
    if (nl < 0) {
      continue;
    }
    const text = line.replace(/\r$/, "");
    line = "";
    if (state === "trailer") {
      if (text === "") {
        return;
      }
    } else if (state === "crlf") {
      if (text !== "") {
        throw new Error("malformed chunked body (no line end after a chunk)");
      }
      state = "size";
    } else {
      const size = /^([0-9a-fA-F]{1,12})\s*(;.*)?$/.exec(text);
      if (size === null) {
        throw new Error("malformed chunked body (bad chunk size)");
      }
      left = Number.parseInt(size[1] as string, 16);
      state = left === 0 ? "trailer" : "data";
    }
  }
}
