import { type AsyncSesClient, createAsyncSesClient, type Protocol } from "../../src/client.ts";

export type { Protocol } from "../../src/client.ts";
/** Typed clients for every service over one transport. */
export type Clients = AsyncSesClient;

/** Creates clients for `baseUrl` over the protocol; extra headers (e.g. authorization) on every call. */
export function connectClients(
  baseUrl: string,
  protocol: Protocol,
  headers: Record<string, string> = {},
): Clients {
  return createAsyncSesClient(baseUrl, { protocol, headers });
}
