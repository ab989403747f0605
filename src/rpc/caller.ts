import { createContextKey } from "@connectrpc/connect";

/** Who is calling: the scope of their idempotency keys. Set by authentication. */
export interface Caller {
  /** A stable, non-secret name for the caller (never the key itself). */
  readonly scope: string;
}

/** The context key under which handlers find the caller. */
export const CALLER = createContextKey<Caller>({ scope: "anonymous" });
