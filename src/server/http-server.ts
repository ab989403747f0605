import { readFileSync } from "node:fs";
import http from "node:http";
import http2, { type Http2Session } from "node:http2";
import net, { type AddressInfo, type Socket } from "node:net";
import type { connectNodeAdapter } from "@connectrpc/connect-node";
import type { Logger } from "../logger.ts";
import { sleep } from "../util/sleep.ts";

/** A request handler for HTTP/1.1 and HTTP/2 alike. */
export type Handler = ReturnType<typeof connectNodeAdapter>;
/** The request a Handler gets, HTTP/1.1 or HTTP/2. */
export type HandlerRequest = Parameters<Handler>[0];
/** The response a Handler writes, HTTP/1.1 or HTTP/2. */
export type HandlerResponse = Parameters<Handler>[1];

/** Where and how to listen. */
export interface ListenOptions {
  readonly host: string;
  readonly port: number;
  /** PEM file paths; with them, TLS with ALPN offering h2 and http/1.1. */
  readonly tls: { readonly cert: string; readonly key: string } | undefined;
  readonly handler: Handler;
  readonly logger: Logger;
}

/** A listening server. */
export interface HttpServer {
  readonly host: string;
  readonly port: number;
  readonly url: string;
  /** Requests being served now. */
  readonly inFlight: number;
  /**
   * Stops accepting connections, lets requests in flight finish (HTTP/2 sessions get GOAWAY),
   * and after `timeoutMs` destroys what is left.
   */
  close(timeoutMs: number): Promise<void>;
}

/** The first bytes of every HTTP/2 prior-knowledge connection. */
const H2_PREFACE = Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");

/**
 * Serves one port for every protocol. Without TLS a cleartext socket is routed by its first
 * bytes: the HTTP/2 preface goes to the HTTP/2 server (h2c with prior knowledge), anything
 * else to the HTTP/1.1 server. With TLS, ALPN chooses.
 */
export async function listen(opts: ListenOptions): Promise<HttpServer> {
  const sockets = new Set<Socket>();
  const sessions = new Set<Http2Session>();
  let inFlight = 0;
  let closing = false;

  const handler: Handler = (req, res) => {
    inFlight += 1;
    res.once("close", () => {
      inFlight -= 1;
    });
    if (closing && req.httpVersionMajor === 1) res.setHeader("connection", "close");
    if ("stream" in req) {
      // An answer sent before the request was read to its end (a body over the size limit,
      // a refused key): tell the client to stop sending, without error, so it reads the
      // answer instead of filling the connection (RFC 9113, 8.1).
      const stream = req.stream;
      res.once("finish", () => {
        if (!req.complete && !stream.closed) stream.close(http2.constants.NGHTTP2_NO_ERROR);
      });
    }
    opts.handler(req, res);
  };
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  };

  let h1: http.Server | undefined;
  let h2: http2.Http2Server | http2.Http2SecureServer;
  let front: net.Server;
  if (opts.tls) {
    h2 = http2.createSecureServer(
      { allowHTTP1: true, cert: readFileSync(opts.tls.cert), key: readFileSync(opts.tls.key) },
      handler,
    );
    h2.on("connection", track);
    h2.on("secureConnection", track);
    front = h2;
  } else {
    h2 = http2.createServer({}, handler);
    h1 = http.createServer({ keepAliveTimeout: 5000 }, handler);
    const h1Server = h1;
    const h2Server = h2;
    front = net.createServer((socket) => {
      track(socket);
      socket.once("data", (first: Buffer) => {
        socket.pause();
        socket.unshift(first);
        const n = Math.min(first.length, H2_PREFACE.length);
        const isH2 = first.subarray(0, n).equals(H2_PREFACE.subarray(0, n));
        // Both servers take over the socket and read what was put back.
        (isH2 ? h2Server : h1Server).emit("connection", socket);
        if (!isH2) socket.resume();
      });
      socket.on("error", () => socket.destroy());
    });
  }
  h2.on("session", (session: Http2Session) => {
    sessions.add(session);
    session.once("close", () => sessions.delete(session));
  });

  await new Promise<void>((resolve, reject) => {
    front.once("error", reject);
    front.listen(opts.port, opts.host, () => {
      front.off("error", reject);
      resolve();
    });
  });
  const address = front.address() as AddressInfo;
  const scheme = opts.tls ? "https" : "http";
  const hostForUrl = address.family === "IPv6" ? `[${address.address}]` : address.address;

  return {
    host: address.address,
    port: address.port,
    url: `${scheme}://${hostForUrl}:${address.port}`,
    get inFlight() {
      return inFlight;
    },
    async close(timeoutMs) {
      closing = true;
      const closed = new Promise<void>((resolve) => front.close(() => resolve()));
      for (const session of sessions) session.close();
      h1?.closeIdleConnections();
      const deadline = Date.now() + timeoutMs;
      while (inFlight > 0 && Date.now() < deadline) {
        await sleep(20);
        h1?.closeIdleConnections();
      }
      if (inFlight > 0)
        opts.logger.warn({ inFlight }, "shutdown timeout: closing requests still in flight");
      for (const session of sessions) session.destroy();
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
