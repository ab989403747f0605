import type { Caller } from "../auth/caller.ts";
import { authorizeIdentity, authorizeSender } from "../auth/senders.ts";
import { AppError } from "../errors.ts";
import { parseMailbox } from "../mail/address.ts";
import { validateMail } from "../mail/validate.ts";
import type { Services } from "../services.ts";
import { addRequest } from "./add.ts";
import { one, type Params } from "./params.ts";
import { quotaView, statisticsView, statusView, verifiedView } from "./views.ts";

/** What a route gets: the core, who calls, what they sent, and a signal for a gone client. */
export interface RouteContext {
  readonly services: Services;
  readonly caller: Caller;
  readonly params: Params;
  readonly signal: AbortSignal;
}

/** A route of the original API: answers a JSON value, or throws. */
export type Route = (ctx: RouteContext) => Promise<unknown>;

/** The `email` parameter of /verify/add and /verify/del, as a bare address. */
function emailParam(params: Params): string {
  const email = one(params, "email").trim();
  if (email === "") throw new AppError("invalid_argument", "Missing field email");
  return parseMailbox("email", email).address;
}

/**
 * The original's routes over the same core as the RPCs. The counter of refused /add calls
 * is this process's, as the original's was; it feeds /status's "rejected".
 */
export function createRoutes(): ReadonlyMap<string, Route> {
  let refused = 0;
  const add: Route = async ({ services: s, caller, params }) => {
    try {
      const mail = validateMail(addRequest(params), s.limits);
      authorizeSender(caller, mail.fromAddress);
      const { id, replayed } = await s.outbox.accept(mail, caller.scope);
      return { status: "queued", message: "ok", id, replayed };
    } catch (err) {
      refused += 1;
      throw err;
    }
  };
  return new Map<string, Route>([
    ["/add", add],
    ["/status", async ({ services }) => statusView(await services.status(), refused)],
    ["/quota", async ({ services, signal }) => quotaView(await services.account.quota(signal))],
    [
      "/statistics",
      async ({ services, signal }) => statisticsView(await services.account.statistics(signal)),
    ],
    [
      "/verify",
      async ({ services, signal }) =>
        verifiedView(await services.account.listIdentities("email", signal)),
    ],
    [
      "/verify/add",
      async ({ services, caller, params, signal }) => {
        const email = emailParam(params);
        authorizeIdentity(caller, email);
        return { status: "ok", message: await services.account.verifyEmail(email, signal) };
      },
    ],
    [
      "/verify/del",
      async ({ services, caller, params, signal }) => {
        const email = emailParam(params);
        authorizeIdentity(caller, email);
        return { status: "ok", message: await services.account.deleteIdentity(email, signal) };
      },
    ],
  ]);
}
