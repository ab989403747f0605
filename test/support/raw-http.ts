import http from "node:http";
import http2 from "node:http2";

/** A request sent byte for byte, without a client library's checks. */
export interface RawRequest {
  readonly method?: string;
  readonly path: string;
  readonly headers?: Record<string, string | number>;
  readonly body?: string | Uint8Array;
}

/** The answer, body as bytes. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
  /** The body as text. */
  readonly text: string;
  /** gRPC's status from trailers or headers, when there is one. */
  readonly grpcStatus: string | undefined;
  /** gRPC's message, decoded, or "". */
  readonly grpcMessage: string;
}

/** Sends one HTTP/1.1 request on a fresh connection. */
export function h1Request(baseUrl: string, req: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const base = new URL(baseUrl);
    const r = http.request(
      {
        hostname: base.hostname,
        port: base.port,
        // Sent as given, so odd paths ("//add", "/a/../b") reach the server unchanged.
        path: req.path,
        method: req.method ?? "GET",
        // A GET's body goes out only with a length (Node sends it unframed otherwise).
        headers:
          req.body === undefined || req.headers?.["content-length"] !== undefined
            ? req.headers
            : { ...req.headers, "content-length": Buffer.byteLength(req.body) },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            text: body.toString(),
            grpcStatus: undefined,
            grpcMessage: "",
          });
        });
        res.on("error", reject);
      },
    );
    r.on("error", reject);
    r.end(req.body);
  });
}

/** An HTTP/2 connection (h2c with prior knowledge) for many requests. */
export interface H2Client {
  request(req: RawRequest): Promise<RawResponse>;
  close(): Promise<void>;
}

/** Opens an HTTP/2 cleartext connection. */
export function h2Connect(baseUrl: string): H2Client {
  const session = http2.connect(baseUrl);
  session.on("error", () => {});
  return {
    request(req) {
      return new Promise((resolve, reject) => {
        const stream = session.request({
          ":method": req.method ?? "POST",
          ":path": req.path,
          ...req.headers,
        });
        let status = 0;
        let headers: Record<string, string | string[] | undefined> = {};
        let trailers: Record<string, string | string[] | undefined> = {};
        const chunks: Buffer[] = [];
        stream.on("response", (h) => {
          status = Number(h[":status"]);
          headers = h;
        });
        stream.on("trailers", (t) => {
          trailers = t;
        });
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("error", reject);
        stream.on("close", () => {
          if (status === 0) {
            reject(new Error(`stream closed without a response (code ${stream.rstCode})`));
            return;
          }
          const body = Buffer.concat(chunks);
          const g = trailers["grpc-status"] ?? headers["grpc-status"];
          const m = trailers["grpc-message"] ?? headers["grpc-message"];
          resolve({
            status,
            headers,
            body,
            text: body.toString(),
            grpcStatus: typeof g === "string" ? g : undefined,
            grpcMessage: typeof m === "string" ? decodeURIComponent(m) : "",
          });
        });
        stream.end(req.body);
      });
    },
    close() {
      return new Promise((resolve) => session.close(() => resolve()));
    },
  };
}

/** Frames one gRPC message: flag byte, 4-byte length, bytes. */
export function grpcFrame(message: Uint8Array, compressed = false): Buffer {
  const head = Buffer.alloc(5);
  head[0] = compressed ? 1 : 0;
  head.writeUInt32BE(message.length, 1);
  return Buffer.concat([head, message]);
}

/** Splits a body of gRPC or gRPC-Web frames; stops at a frame cut short. */
export function readFrames(body: Buffer): Array<{ readonly flags: number; readonly data: Buffer }> {
  const out: Array<{ flags: number; data: Buffer }> = [];
  let at = 0;
  while (at + 5 <= body.length) {
    const flags = body[at] as number;
    const length = body.readUInt32BE(at + 1);
    if (at + 5 + length > body.length) break;
    out.push({ flags, data: body.subarray(at + 5, at + 5 + length) });
    at += 5 + length;
  }
  return out;
}
