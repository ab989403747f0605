import type { Interceptor } from "@connectrpc/connect";
import { CALLER } from "../rpc/caller.ts";
import type { KeyRing } from "./key-ring.ts";

/**
 * Authenticates every RPC (Connect, gRPC and gRPC-Web alike) by its Authorization header and
 * puts the caller in the context values; a missing or wrong key ends the call UNAUTHENTICATED
 * before the handler runs.
 */
export function authInterceptor(ring: KeyRing): Interceptor {
  return (next) => async (req) => {
    if (ring.enabled) {
      const caller = ring.authenticate(req.header.get("authorization") ?? undefined);
      req.contextValues.set(CALLER, caller);
    }
    return next(req);
  };
}
