import { AppError, type ErrorCode } from "../errors.ts";
import type { Logger } from "../logger.ts";
import type { HandlerResponse } from "../server/http-server.ts";
import { coerceError } from "../util/errors.ts";
import { HttpError } from "./http-error.ts";

/** A response of either HTTP version. */
export type AnyResponse = HandlerResponse;

/** The HTTP status of each error code; RESOURCE_EXHAUSTED depends on what ran out. */
const STATUS: Record<ErrorCode, number> = {
  invalid_argument: 400,
  unauthenticated: 401,
  permission_denied: 403,
  not_found: 404,
  already_exists: 409,
  failed_precondition: 409,
  resource_exhausted: 429,
  internal: 500,
  unimplemented: 501,
  unavailable: 503,
};

/** Writes a body with the headers every answer carries. */
export function send(
  res: AnyResponse,
  status: number,
  type: string,
  body: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  if (res.headersSent) return;
  res.statusCode = status;
  res.setHeader("content-type", type);
  res.setHeader("content-length", Buffer.byteLength(body));
  // Answers change from one call to the next, and a URL may carry a key: keep them out of caches.
  res.setHeader("cache-control", "no-store");
  res.setHeader("x-content-type-options", "nosniff");
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.end(body);
}

/** Answers a JSON value. */
export function sendJson(res: AnyResponse, status: number, value: unknown): void {
  send(res, status, "application/json", JSON.stringify(value));
}

/**
 * The one boundary where errors become HTTP answers: `{"status":"error","message":...}` as
 * the original wrote them, plus the error code, with a 4xx or 5xx status. Anything that is
 * not an AppError is logged and answered 500 without details.
 */
export function sendError(res: AnyResponse, thrown: unknown, logger: Logger): void {
  let status: number;
  let code: string;
  let message: string;
  const headers: Record<string, string> = {};
  if (thrown instanceof HttpError) {
    status = thrown.status;
    code = status === 405 ? "method_not_allowed" : "unsupported_media_type";
    message = thrown.message;
    Object.assign(headers, thrown.headers);
  } else if (thrown instanceof AppError) {
    code = thrown.code;
    message = thrown.message;
    status = STATUS[thrown.code];
    if (thrown.exhausted === "size") status = 413;
    if (thrown.exhausted === "capacity") status = 503;
    if (status === 503) headers["retry-after"] = "1";
    if (status === 401) headers["www-authenticate"] = 'Bearer realm="asyncses"';
  } else {
    logger.error({ err: coerceError(thrown) }, "unexpected error while serving a request");
    status = 500;
    code = "internal";
    message = "internal error";
  }
  // A body not read to its end cannot be followed by another request on the connection.
  if (status === 413) headers.connection = "close";
  const body = JSON.stringify({ status: "error", message, code });
  send(res, status, "application/json", body, headers);
}
