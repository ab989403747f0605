import { createContextKey } from "@connectrpc/connect";
import { ANONYMOUS, type Caller } from "../auth/caller.ts";

export type { Caller } from "../auth/caller.ts";

/** The context key under which handlers find the caller; set by the auth request gate. */
export const CALLER = createContextKey<Caller>(ANONYMOUS);
