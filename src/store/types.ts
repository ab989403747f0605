import type { QuotaLedger, RateBudget } from "../limits/types.ts";

/** The states of a message; the lifecycle is queued -> sending -> sent | queued | failed, queued -> cancelled. */
export type MessageState = "queued" | "sending" | "sent" | "failed" | "cancelled";

/** What went wrong with an attempt, as recorded on the message. */
export interface StoredError {
  /** SES's error code or one of this service's. */
  readonly code: string;
  /** The reason in words. */
  readonly message: string;
  /** True when retrying can never help. */
  readonly permanent: boolean;
}

/** The envelope kept for tracing after the body is purged. Never holds the body. */
export interface Envelope {
  readonly from: string;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly bcc: readonly string[];
  readonly subject: string;
  readonly configurationSet: string;
  readonly tags: readonly { readonly name: string; readonly value: string }[];
}

/** A message being accepted. */
export interface NewMessage {
  readonly id: string;
  /** Whose idempotency keys this message's key belongs to (the caller's identity). */
  readonly scope: string;
  /** The caller's idempotency key, or "" for none. */
  readonly idempotencyKey: string;
  /** A digest of the content, to tell a replay from a conflicting reuse of a key. */
  readonly contentHash: string;
  readonly envelope: Envelope;
  /** The whole message, encoded (the binary SendRequest); opaque to the store. */
  readonly payload: Uint8Array;
  /** Recipients SES will count: to + cc + bcc. */
  readonly recipientCount: number;
  /** Acceptance time, in milliseconds since the epoch. */
  readonly acceptedAt: number;
}

/** The result of accepting one message. */
export type AcceptOutcome =
  | { readonly kind: "accepted"; readonly id: string }
  | { readonly kind: "replayed"; readonly id: string }
  | { readonly kind: "conflict"; readonly id: string }
  | { readonly kind: "full" };

/** The stored record of a message, as GetMessage and ListMessages show it. */
export interface MessageRecord {
  readonly id: string;
  readonly state: MessageState;
  readonly envelope: Envelope;
  readonly recipientCount: number;
  readonly attempts: number;
  readonly sesMessageId: string;
  readonly lastError: StoredError | undefined;
  /** True when the failure was SES refusing this message (MessageRejected and the like). */
  readonly rejected: boolean;
  readonly idempotencyKey: string;
  readonly acceptedAt: number;
  readonly lastAttemptAt: number | undefined;
  readonly nextAttemptAt: number | undefined;
  readonly sentAt: number | undefined;
  readonly finishedAt: number | undefined;
}

/** A message leased to this process for sending. */
export interface ClaimedMessage {
  readonly id: string;
  readonly payload: Uint8Array;
  readonly recipientCount: number;
  /** Attempts including the one this claim starts. */
  readonly attempts: number;
  readonly acceptedAt: number;
  /** The lease expires at this time; after it another claim may take the message. */
  readonly leaseUntil: number;
}

/** Counts by state, for Status. */
export interface StateCounts {
  readonly queued: number;
  readonly sending: number;
  readonly sent: number;
  readonly failed: number;
  readonly rejected: number;
  readonly cancelled: number;
  /** Queued messages waiting for a retry (next attempt in the future). */
  readonly retryWaiting: number;
  /** Acceptance time of the oldest queued message. */
  readonly oldestQueuedAt: number | undefined;
}

/** A page request for listing. */
export interface ListQuery {
  readonly state: MessageState | undefined;
  readonly limit: number;
  /** An opaque cursor from the previous page. */
  readonly cursor: string | undefined;
}

/** A page of messages, newest first. */
export interface ListPage {
  readonly messages: readonly MessageRecord[];
  /** The cursor of the next page, or undefined on the last page. */
  readonly nextCursor: string | undefined;
}

/** How a finished attempt ends for the message. */
export type AttemptResult =
  | { readonly kind: "sent"; readonly sesMessageId: string; readonly at: number }
  | {
      readonly kind: "retry";
      readonly error: StoredError;
      readonly notBefore: number;
      /** False when the attempt did not count (throttled, held, shutting down). */
      readonly countAttempt: boolean;
      readonly at: number;
    }
  | {
      readonly kind: "failed";
      readonly error: StoredError;
      readonly rejected: boolean;
      readonly at: number;
    };

/** What a store engine can do beyond the common contract. */
export interface StoreCapabilities {
  /** Accepted messages survive a restart of the process. */
  readonly durable: boolean;
  /** Several processes may share the store. */
  readonly shared: boolean;
  /**
   * Finished messages stay readable (without their bodies) until the records cut-off; when
   * false, a message's record goes with its body.
   */
  readonly keepsRecords: boolean;
}

/** The SES account's sending limits kept by an engine that several instances share. */
export interface SharedLimits {
  /** One token bucket and working rate for every instance. */
  readonly budget: RateBudget;
  /** One rolling 24-hour ledger for every instance. */
  readonly ledger: QuotaLedger;
  /** Returns what this instance holds of them (after its workers stopped). */
  close(): Promise<void>;
}

/** The cut-off times of a purge, in ms since the epoch: anything older goes. */
export interface PurgeCutoffs {
  /** Bodies of messages finished before this time. */
  readonly bodies: number;
  /** Whole records of messages finished before this time (no later than `bodies`). */
  readonly records: number;
  /** Idempotency keys created before this time. */
  readonly keys: number;
}

/** What a purge removed. */
export interface PurgeCounts {
  /** Messages whose body was dropped (their record kept). */
  readonly bodies: number;
  /** Messages removed entirely. */
  readonly records: number;
}

/**
 * The outbox's storage: small, engine-neutral, and free of connection types. Times are
 * milliseconds since the epoch and are passed in, so tests can use their own clock.
 */
export interface Store {
  /** The engine's name: "memory", "sqlite" or "postgres". */
  readonly engine: string;
  readonly capabilities: StoreCapabilities;
  /**
   * Stores messages in one transaction (group commit). An item whose scope and idempotency key
   * exist within the window is replayed or conflicts instead; an item that would take the
   * backlog (queued + sending) past maxBacklog is answered "full".
   */
  accept(
    items: readonly NewMessage[],
    opts: { readonly maxBacklog: number; readonly idempotencySince: number },
  ): Promise<AcceptOutcome[]>;
  /** Leases up to `limit` queued messages whose next attempt is due, oldest first. */
  claim(limit: number, now: number, leaseMs: number): Promise<ClaimedMessage[]>;
  /** Records how an attempt on a claimed message ended. */
  finish(id: string, result: AttemptResult): Promise<void>;
  /** Returns claimed messages to the queue without counting the attempt (shutdown). */
  release(ids: readonly string[]): Promise<void>;
  /** Puts messages whose lease expired back in the queue; returns how many. */
  requeueExpired(now: number): Promise<number>;
  /** The earliest time a queued message becomes due, or undefined when none is queued. */
  nextDueAt(): Promise<number | undefined>;
  /** One message, or undefined. */
  get(id: string): Promise<MessageRecord | undefined>;
  /** A page of messages, newest first. */
  list(query: ListQuery): Promise<ListPage>;
  /** Failed messages back to queued (the given ids, or all when ids is "all"); returns how many. */
  retryFailed(ids: readonly string[] | "all", now: number): Promise<number>;
  /** Cancels a queued message. */
  cancel(id: string, now: number): Promise<MessageRecord | "not-found" | "not-queued">;
  /** Counts by state. */
  counts(now: number): Promise<StateCounts>;
  /** Backlog size: queued plus sending. */
  backlog(): Promise<number>;
  /** Drops old bodies, records and idempotency keys, in small steps. */
  purge(cutoffs: PurgeCutoffs): Promise<PurgeCounts>;
  /**
   * Engines that several instances share keep the account's sending limits too, so that all
   * of them together stay inside SES's rate and daily quota. `rate` is the working rate until
   * one is set (when no instance has set one yet). Absent on single-process engines.
   */
  openSharedLimits?(opts: {
    readonly rate: number;
    readonly now: () => number;
  }): Promise<SharedLimits>;
  /** Releases the engine's resources. */
  close(): Promise<void>;
}
