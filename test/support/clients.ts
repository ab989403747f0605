import { type Client, createClient } from "@connectrpc/connect";
import {
  createConnectTransport,
  createGrpcTransport,
  createGrpcWebTransport,
} from "@connectrpc/connect-node";
import { AccountService } from "../../gen/ts/asyncses/v1/account_pb.js";
import { IdentityService } from "../../gen/ts/asyncses/v1/identity_pb.js";
import { MailService } from "../../gen/ts/asyncses/v1/mail_pb.js";
import { OutboxService } from "../../gen/ts/asyncses/v1/outbox_pb.js";

/** The wire protocols the Connect TypeScript client speaks. */
export type Protocol = "connect" | "grpc" | "grpc-web" | "connect-h1";

/** Typed clients for every service over one transport. */
export interface Clients {
  readonly mail: Client<typeof MailService>;
  readonly outbox: Client<typeof OutboxService>;
  readonly account: Client<typeof AccountService>;
  readonly identity: Client<typeof IdentityService>;
}

/** Creates clients for `baseUrl` over the protocol; extra headers (e.g. authorization) on every call. */
export function connectClients(
  baseUrl: string,
  protocol: Protocol,
  headers: Record<string, string> = {},
): Clients {
  const interceptors = [
    (next: Parameters<import("@connectrpc/connect").Interceptor>[0]) =>
      async (req: Parameters<typeof next>[0]) => {
        for (const [k, v] of Object.entries(headers)) req.header.set(k, v);
        return next(req);
      },
  ];
  const transport =
    protocol === "grpc"
      ? createGrpcTransport({ baseUrl, interceptors })
      : protocol === "grpc-web"
        ? createGrpcWebTransport({ baseUrl, httpVersion: "2", interceptors })
        : protocol === "connect"
          ? createConnectTransport({ baseUrl, httpVersion: "2", interceptors })
          : createConnectTransport({ baseUrl, httpVersion: "1.1", interceptors });
  return {
    mail: createClient(MailService, transport),
    outbox: createClient(OutboxService, transport),
    account: createClient(AccountService, transport),
    identity: createClient(IdentityService, transport),
  };
}
