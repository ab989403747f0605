import type { HandlerContext } from "@connectrpc/connect";
import type { Logger } from "../logger.ts";
import { CALLER } from "../rpc/caller.ts";
import { toConnectError } from "../rpc/errors.ts";
import type { KeyRing } from "./key-ring.ts";

/**
 * Authenticates every RPC (Connect, gRPC and gRPC-Web alike) by its Authorization header and
 * puts the caller in the context values for the handlers. It runs as Connect's request gate,
 * after the headers and before the body is read: a missing or wrong key ends the call
 * UNAUTHENTICATED without reading, decompressing or parsing anything the caller sent.
 */
export function authGate(ring: KeyRing, logger: Logger): (ctx: HandlerContext) => void {
  return (ctx) => {
    if (!ring.enabled) return;
    try {
      ctx.values.set(
        CALLER,
        ring.authenticate(ctx.requestHeader.get("authorization") ?? undefined),
      );
    } catch (thrown) {
      throw toConnectError(thrown, logger);
    }
  };
}
