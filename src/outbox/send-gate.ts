import type { SendFailure } from "../sender/outcome.ts";

/** Why sending is held, and until when it is expected to be. */
export interface Hold {
  readonly reason: string;
  readonly until: number | undefined;
}

/**
 * The limiter hook between a worker and the sender: every send waits at the gate for its cost
 * in recipients, and every outcome is reported back so the gate can adapt.
 */
export interface SendGate {
  /** Waits until `cost` recipients may be sent; false when the signal aborted first. */
  acquire(cost: number, signal: AbortSignal): Promise<boolean>;
  /** Reports how a send that passed the gate ended. */
  report(cost: number, outcome: { readonly kind: "sent" } | SendFailure, now: number): void;
  /** The hold in force, if sending is held. */
  hold(now: number): Hold | undefined;
}

/** A gate that lets everything through: sending is bounded only by the workers. */
export function createOpenGate(): SendGate {
  return {
    async acquire(_cost, signal) {
      return !signal.aborted;
    },
    report() {},
    hold() {
      return undefined;
    },
  };
}
