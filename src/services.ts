import type { Account } from "./account/types.ts";
import type { Logger } from "./logger.ts";
import type { MailLimits } from "./mail/limits.ts";
import type { Outbox } from "./outbox/outbox.ts";
import type { StatusInfo } from "./outbox/status.ts";
import type { Store } from "./store/types.ts";

/** What the protocol layers (RPC and the original HTTP routes) are built on. */
export interface Services {
  readonly outbox: Outbox;
  readonly store: Store;
  readonly account: Account;
  readonly limits: MailLimits;
  readonly status: () => Promise<StatusInfo>;
  readonly now: () => number;
  readonly logger: Logger;
  /** Aborted when the server starts shutting down: long streams stop reading. */
  readonly shutdown: AbortSignal;
  /** Items of one SendBatch stream being accepted at once. */
  readonly streamWindow: number;
}
