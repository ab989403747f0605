import { timingSafeEqual } from "node:crypto";
import { AppError } from "../errors.ts";
import { ANONYMOUS, type Caller } from "./caller.ts";
import { type ApiKey, digestKey } from "./keys.ts";

/** The configured API keys, and how a request proves it holds one. */
export interface KeyRing {
  /** False when no keys are configured: every caller is anonymous. */
  readonly enabled: boolean;
  /**
   * The caller a request stands for, from its Authorization header (`Bearer <key>`) or, on
   * the original HTTP routes, its `key` parameter. Throws UNAUTHENTICATED for a missing or
   * wrong key. The key itself is never logged or kept.
   */
  authenticate(authorization: string | undefined, keyParam?: string): Caller;
}

const MISSING =
  "missing API key: send the header Authorization: Bearer <key> (or, on the HTTP routes, the parameter key)";

/** Reads `Bearer <token>`; undefined for no header, an error for another scheme. */
function bearer(authorization: string | undefined): string | undefined {
  if (authorization === undefined || authorization.trim() === "") return undefined;
  const m = /^\s*Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!m) throw new AppError("unauthenticated", "the Authorization header must be Bearer <key>");
  return m[1];
}

/** Creates the ring of the given keys. */
export function createKeyRing(keys: readonly ApiKey[]): KeyRing {
  const callers = keys.map((k) => ({
    digest: k.digest,
    caller: Object.freeze({ scope: k.scope, senders: k.senders }) as Caller,
  }));
  return {
    enabled: keys.length > 0,
    authenticate(authorization, keyParam) {
      if (callers.length === 0) return ANONYMOUS;
      const presented = bearer(authorization) ?? (keyParam === "" ? undefined : keyParam);
      if (presented === undefined) throw new AppError("unauthenticated", MISSING);
      // Both sides are hashed to the same length and every key is compared, so the time
      // taken tells nothing about how close the guess was or which key matched.
      const digest = digestKey(presented);
      let found: Caller | undefined;
      for (const c of callers) {
        if (timingSafeEqual(digest, c.digest) && found === undefined) found = c.caller;
      }
      if (!found) throw new AppError("unauthenticated", "invalid API key");
      return found;
    },
  };
}
