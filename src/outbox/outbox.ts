import { AppError } from "../errors.ts";
import type { ValidMail } from "../mail/validate.ts";
import type { AcceptOutcome, NewMessage, Store } from "../store/types.ts";
import { createBatcher } from "../util/batcher.ts";
import { newId } from "../util/id.ts";
import type { Wakeup } from "../util/signal.ts";

/** How long an idempotency key is remembered. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 3_600_000;

/** An accepted message's id, and whether it was a replay of an earlier one. */
export interface Accepted {
  readonly id: string;
  readonly replayed: boolean;
}

/** The accepting side of the outbox. */
export interface Outbox {
  /**
   * Stores one validated message (group-committed with concurrent ones) and returns its id.
   * Throws RESOURCE_EXHAUSTED when the outbox is full and ALREADY_EXISTS when the idempotency
   * key was used for different content.
   */
  accept(mail: ValidMail, scope: string): Promise<Accepted>;
  /**
   * Like accept, but waits for room instead of failing when the outbox is full: the
   * backpressure of streams. Rejects if the signal aborts first.
   */
  acceptWhenRoom(mail: ValidMail, scope: string, signal: AbortSignal): Promise<Accepted>;
  /** Wakes producers waiting for room; called whenever messages leave the backlog. */
  roomMayHaveFreed(): void;
  /** Wakes the dispatcher: messages were put back in the queue (RetryMessages). */
  requeued(): void;
}

/** What the outbox needs. */
export interface OutboxDeps {
  readonly store: Store;
  readonly maxBacklog: number;
  readonly now: () => number;
  /** Notified after each commit, so the dispatcher claims at once. */
  readonly accepted: Wakeup;
  /** Largest group commit. */
  readonly maxBatch?: number;
}

/** Creates the outbox. */
export function createOutbox(deps: OutboxDeps): Outbox {
  const { store } = deps;
  let roomWaiters: Array<() => void> = [];
  const batcher = createBatcher<NewMessage, AcceptOutcome>(async (items) => {
    const out = await store.accept(items, {
      maxBacklog: deps.maxBacklog,
      idempotencySince: deps.now() - IDEMPOTENCY_WINDOW_MS,
    });
    deps.accepted.notify();
    return out;
  }, deps.maxBatch ?? 1000);

  const submit = (mail: ValidMail, scope: string) => {
    const acceptedAt = deps.now();
    return batcher.submit({
      id: newId(acceptedAt),
      scope,
      idempotencyKey: mail.idempotencyKey,
      contentHash: mail.contentHash,
      envelope: mail.envelope,
      payload: mail.encoded,
      recipientCount: mail.recipientCount,
      acceptedAt,
    });
  };
  const settle = (mail: ValidMail, outcome: Exclude<AcceptOutcome, { kind: "full" }>): Accepted => {
    if (outcome.kind === "conflict") {
      throw new AppError(
        "already_exists",
        `idempotencyKey ${JSON.stringify(mail.idempotencyKey)} was already used for a different message (${outcome.id})`,
      );
    }
    return { id: outcome.id, replayed: outcome.kind === "replayed" };
  };
  const waitForRoom = (signal: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      // Room freed between the "full" answer and this wait would be missed: look again
      // after a second even if nobody says so.
      const timer = setTimeout(() => done(), 1000);
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
        roomWaiters = roomWaiters.filter((w) => w !== done);
        resolve();
      };
      const onAbort = () => {
        clearTimeout(timer);
        roomWaiters = roomWaiters.filter((w) => w !== done);
        reject(signal.reason);
      };
      signal.addEventListener("abort", onAbort, { once: true });
      roomWaiters.push(done);
    });

  return {
    async accept(mail, scope) {
      const outcome = await submit(mail, scope);
      if (outcome.kind === "full") {
        throw new AppError(
          "resource_exhausted",
          `the outbox is full (${deps.maxBacklog} messages queued or in flight); try again later`,
          { exhausted: "capacity" },
        );
      }
      return settle(mail, outcome);
    },
    async acceptWhenRoom(mail, scope, signal) {
      for (;;) {
        const outcome = await submit(mail, scope);
        if (outcome.kind !== "full") return settle(mail, outcome);
        await waitForRoom(signal);
      }
    },
    requeued() {
      deps.accepted.notify();
    },
    roomMayHaveFreed() {
      if (roomWaiters.length === 0) return;
      const waiters = roomWaiters;
      roomWaiters = [];
      for (const w of waiters) w();
    },
  };
}
