import type { StateCounts, Store } from "../store/types.ts";
import type { RateMeter } from "./rate-meter.ts";
import type { GateStatus, SendGate } from "./send-gate.ts";

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
  /** The sending limits. */
  readonly limits: GateStatus;
  /** How long the backlog is expected to take to send; undefined when it cannot be told. */
  readonly backlogEtaMs: number | undefined;
}

/** What reading the status needs. */
export interface StatusDeps {
  readonly store: Store;
  readonly meter: RateMeter;
  readonly gate: SendGate;
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
  const limits = await deps.gate.status(now);
  const outbox = counts.queued + counts.sending;
  // The store counts messages; SES counts recipients: estimate from the mean so far.
  const recipients = Math.ceil(outbox * limits.recipientsPerMessage);
  const done = await deps.gate.estimateDone(recipients, now);
  return {
    ...counts,
    outbox,
    capacity: deps.capacity,
    workers: deps.workers,
    busyWorkers: deps.busyWorkers(),
    uptimeMs: now - deps.startedAt,
    sendRate: deps.meter.rate(now),
    sender: deps.senderName,
    store: deps.store.engine,
    limits,
    backlogEtaMs: done === undefined ? undefined : Math.max(0, done - now),
  };
}
