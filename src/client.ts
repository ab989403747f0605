import { type Client, createClient, type Interceptor } from "@connectrpc/connect";
import {
  createConnectTransport,
  createGrpcTransport,
  createGrpcWebTransport,
} from "@connectrpc/connect-node";
import { AccountService } from "../gen/ts/asyncses/v1/account_pb.js";
import { IdentityService } from "../gen/ts/asyncses/v1/identity_pb.js";
import { MailService } from "../gen/ts/asyncses/v1/mail_pb.js";
import { OutboxService } from "../gen/ts/asyncses/v1/outbox_pb.js";

export * from "../gen/ts/asyncses/v1/account_pb.js";
export * from "../gen/ts/asyncses/v1/identity_pb.js";
export * from "../gen/ts/asyncses/v1/mail_pb.js";
export * from "../gen/ts/asyncses/v1/message_pb.js";
export * from "../gen/ts/asyncses/v1/outbox_pb.js";

/** The wire protocols: gRPC, gRPC-Web, and Connect over HTTP/2 or HTTP/1.1. */
export type Protocol = "grpc" | "grpc-web" | "connect" | "connect-h1";

/** How to reach an AsyncSES server. */
export interface ClientOptions {
  /** Default "grpc". */
  readonly protocol?: Protocol;
  /** Sent as `Authorization: Bearer <apiKey>` on every call. */
  readonly apiKey?: string;
  /** Further headers on every call. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Typed clients for every AsyncSES service over one transport. */
export interface AsyncSesClient {
  readonly mail: Client<typeof MailService>;
  readonly outbox: Client<typeof OutboxService>;
  readonly account: Client<typeof AccountService>;
  readonly identity: Client<typeof IdentityService>;
}

/** Creates typed clients for the server at `baseUrl` (for example "http://127.0.0.1:3000"). */
export function createAsyncSesClient(baseUrl: string, options: ClientOptions = {}): AsyncSesClient {
  const headers: Record<string, string> = { ...options.headers };
  if (options.apiKey !== undefined) headers.authorization = `Bearer ${options.apiKey}`;
  const addHeaders: Interceptor = (next) => async (req) => {
    for (const [k, v] of Object.entries(headers)) req.header.set(k, v);
    return next(req);
  };
  const interceptors = [addHeaders];
  const protocol = options.protocol ?? "grpc";
  const transport =
    protocol === "grpc"
      ? createGrpcTransport({ baseUrl, interceptors })
      : protocol === "grpc-web"
        ? createGrpcWebTransport({ baseUrl, httpVersion: "2", interceptors })
        : createConnectTransport({
            baseUrl,
            httpVersion: protocol === "connect" ? "2" : "1.1",
            interceptors,
          });
  return {
    mail: createClient(MailService, transport),
    outbox: createClient(OutboxService, transport),
    account: createClient(AccountService, transport),
    identity: createClient(IdentityService, transport),
  };
}
