import type { Handler } from "../server/http-server.ts";
import { hostOf, isLoopback } from "./loopback.ts";

/** Why a request must be refused by a server without keys, or undefined to serve it. */
function refusal(headers: NodeJS.Dict<string | string[]>): string | undefined {
  const authority = headers[":authority"] ?? headers.host;
  if (typeof authority !== "string" || !isLoopback(hostOf(authority))) {
    return "without API keys this server answers only requests addressed to localhost, 127.0.0.1 or [::1]";
  }
  const origin = headers.origin;
  if (typeof origin === "string") {
    // "null" (a sandboxed frame, a file) is refused too: plain clients send no Origin.
    const host = URL.canParse(origin) ? new URL(origin).hostname : "";
    if (!isLoopback(host)) return "without API keys this server refuses requests from web pages";
  }
  if (headers["sec-fetch-site"] === "cross-site") {
    return "without API keys this server refuses requests from web pages";
  }
  return undefined;
}

/**
 * Guards a server that has no API keys and so listens on loopback only: a web page the
 * user visits could still reach it, through a cross-site request or DNS rebinding. Requests
 * for another host name, or sent by a page of another site, are answered 403.
 */
export function localOnly(handler: Handler): Handler {
  return (req, res) => {
    const why = refusal(req.headers);
    if (why === undefined) {
      handler(req, res);
      return;
    }
    const body = JSON.stringify({ status: "error", message: why, code: "permission_denied" });
    res.statusCode = 403;
    res.setHeader("content-type", "application/json");
    res.setHeader("content-length", Buffer.byteLength(body));
    res.end(body);
  };
}
