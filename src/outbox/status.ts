import type { StateCounts, Store } from "../store/types.ts";
import type { RateMeter } from "./rate-meter.ts";

/** The outbox's state as Status reports it, before any protocol shapes it. */
export interface StatusInfo extends StateCounts {
  readonly outbox: number;
  readonly capacity: number;
  readonly workers: number;
  readonly busyWorkers: number;
  readonly uptimeMs: number;
  /** Recipients per second handed to the sender, over the last 10 s. */
  readonly sendRate: number;
  readonly sender: string;
  readonly store: string;
}

/** What reading the status needs. */
export interface StatusDeps {
  readonly store: Store;
  readonly meter: RateMeter;
  readonly capacity: number;
  readonly workers: number;
  readonly busyWorkers: () => number;
  readonly startedAt: number;
  readonly senderName: string;
  readonly now: () => number;
}

/** Reads the status: counts from the store, the rest from this process. */
export async function readStatus(deps: StatusDeps): Promise<StatusInfo> {
  const now = deps.now();
  const counts = await deps.store.counts(now);
  return {
    ...counts,
    outbox: counts.queued + counts.sending,
    capacity: deps.capacity,
    workers: deps.workers,
    busyWorkers: deps.busyWorkers(),
    uptimeMs: now - deps.startedAt,
    sendRate: deps.meter.rate(now),
    sender: deps.senderName,
    store: deps.store.engine,
  };
}
