import { tooLarge } from "../errors.ts";
import type { HandlerRequest } from "../server/http-server.ts";

/** A request of either HTTP version. */
export type AnyRequest = HandlerRequest;

/**
 * A body over the limit is still read, and thrown away, up to this many times the limit, so
 * the client finishes sending and reads the 413 instead of a reset connection. Beyond it,
 * the answer goes at once and the connection closes.
 */
const DRAIN_FACTOR = 4;

/**
 * Reads the whole body, refusing (RESOURCE_EXHAUSTED, answered 413) one larger than
 * `maxBytes`. Bytes past the limit are never kept.
 */
export async function readBody(req: AnyRequest, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? 0);
  const refusal = () =>
    tooLarge("request", `the body is larger than ${maxBytes} bytes (ASYNCSES_MAX_REQUEST_SIZE)`);
  if (declared > maxBytes * DRAIN_FACTOR) throw refusal();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes * DRAIN_FACTOR) throw refusal();
    if (size <= maxBytes) chunks.push(chunk);
  }
  if (size > maxBytes) throw refusal();
  return Buffer.concat(chunks, size);
}
