import type { Logger } from "../logger.ts";
import type { ClaimedMessage, Store } from "../store/types.ts";
import type { Clock } from "../util/clock.ts";
import { coerceError } from "../util/errors.ts";
import type { Wakeup } from "../util/signal.ts";
import { sleep } from "../util/sleep.ts";
import type { Channel } from "./channel.ts";

/** What the dispatcher needs. */
export interface DispatcherDeps {
  readonly store: Store;
  readonly channel: Channel<ClaimedMessage>;
  readonly leaseMs: number;
  readonly clock: Clock;
  /** Notified when new messages are accepted. */
  readonly wakeup: Wakeup;
  readonly logger: Logger;
  /** Longest sleep with nothing due, so messages of other processes are found. */
  readonly idleMs?: number;
}

/** Moves due messages from the store into the bounded channel, as fast as workers free up. */
export interface Dispatcher {
  start(): void;
  /** Stops claiming; resolves when the loop has ended. */
  stop(): Promise<void>;
}

/** Creates the dispatcher. */
export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const { store, channel, logger } = deps;
  const idleMs = deps.idleMs ?? 1000;
  const abort = new AbortController();
  let loop: Promise<void> = Promise.resolve();

  const run = async () => {
    const signal = abort.signal;
    // Stopping must not wait for a worker to free a slot: a send may take its full timeout.
    const stopped = new Promise<void>((resolve) =>
      signal.addEventListener("abort", () => resolve(), { once: true }),
    );
    while (!signal.aborted) {
      try {
        await Promise.race([channel.waitForSpace(), stopped]);
        if (signal.aborted) break;
        const room = channel.capacity - channel.size;
        const claimed = await store.claim(room, deps.clock.now(), deps.leaseMs);
        if (signal.aborted) {
          await store.release(claimed.map((m) => m.id));
          break;
        }
        for (const msg of claimed) await channel.push(msg);
        if (claimed.length < room) {
          const next = await store.nextDueAt();
          const due = next === undefined ? idleMs : deps.clock.realMs(next - deps.clock.now());
          const wait = Math.ceil(Math.min(idleMs, Math.max(0, due)));
          if (wait > 0) await deps.wakeup.wait(wait, signal);
        }
      } catch (thrown) {
        logger.error(
          { err: coerceError(thrown) },
          "could not claim messages from the store; retrying in 1s",
        );
        await sleep(1000, signal);
      }
    }
  };

  return {
    start() {
      loop = run();
    },
    async stop() {
      abort.abort();
      deps.wakeup.notify();
      await loop;
    },
  };
}
