import { AppError } from "../errors.ts";
import type { Caller } from "./caller.ts";

/** True when the caller may use the address (or, for "@domain", the whole domain). */
function allowed(caller: Caller, identity: string): boolean {
  if (caller.senders === undefined) return true;
  const lower = identity.toLowerCase();
  if (caller.senders.includes(lower)) return true;
  const at = lower.lastIndexOf("@");
  return at > 0 && caller.senders.includes(lower.slice(at));
}

/**
 * Throws PERMISSION_DENIED when the caller's key is limited to some senders and `address`
 * (a validated bare address) is not one of them nor at one of their domains.
 */
export function authorizeSender(caller: Caller, address: string): void {
  if (allowed(caller, address)) return;
  throw new AppError(
    "permission_denied",
    `from: this API key may not send from ${address}; it may send from ${caller.senders?.join(", ")}`,
  );
}

/**
 * Throws PERMISSION_DENIED when a key limited to some senders would verify or remove an
 * identity outside them: an address it may not send from, or a domain not given as "@domain".
 */
export function authorizeIdentity(caller: Caller, identity: string): void {
  const asSender = identity.includes("@") ? identity : `@${identity}`;
  if (allowed(caller, asSender)) return;
  throw new AppError(
    "permission_denied",
    `this API key may not manage the identity ${identity}; it is limited to ${caller.senders?.join(", ")}`,
  );
}
