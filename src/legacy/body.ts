import { tooLarge } from "../errors.ts";
import type { HandlerRequest } from "../server/http-server.ts";

/** A request of either HTTP version. */
export type AnyRequest = HandlerRequest;

/**
 * Reads the whole body, refusing (RESOURCE_EXHAUSTED, answered 413) one larger than
 * `maxBytes`: at once when Content-Length says so, else as soon as the bytes pass it.
 */
export async function readBody(req: AnyRequest, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? 0);
  const refuse = () =>
    tooLarge("request", `the body is larger than ${maxBytes} bytes (ASYNCSES_MAX_REQUEST_SIZE)`);
  if (declared > maxBytes) throw refuse();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw refuse();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}
