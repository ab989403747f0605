import type { QuotaUsage } from "../limits/types.ts";
import type { SendFailure } from "../sender/outcome.ts";

/** Why sending is held, and until when it is expected to be. */
export interface Hold {
  /** "quota": the daily quota is used up; "paused": SES paused the account's sending. */
  readonly reason: "quota" | "paused";
  /** What happened, in words (SES's words where they came from SES). */
  readonly detail: string;
  /** When sending is expected to resume (or the next probe goes); undefined when unknown. */
  readonly until: number | undefined;
}

/** How one send ended, as reported to the gate. */
export type SendOutcome = { readonly kind: "sent" } | SendFailure;

/** A send let through the gate. */
export interface GatePass {
  /** Reports how the send ended, so the gate can adapt; called exactly once. */
  report(outcome: SendOutcome, now: number): Promise<void>;
}

/** What the gate says to a send. */
export type Admission =
  | { readonly kind: "go"; readonly pass: GatePass }
  /**
   * Not now: the message goes back to the queue until `until`, without spending an attempt.
   * `code` and `reason` are recorded on it, so its status tells why it waits.
   */
  | {
      readonly kind: "later";
      readonly until: number;
      readonly code: string;
      readonly reason: string;
    }
  /** The signal aborted (shutdown): the message goes back to the queue as it was. */
  | { readonly kind: "aborted" };

/** The sending limits as Status shows them. */
export interface GateStatus {
  /** ASYNCSES_MAX_SEND_RATE, when set. */
  readonly configuredRate: number | undefined;
  /** SES's MaxSendRate at the last read, when known. */
  readonly sesMaxSendRate: number | undefined;
  /** The rate never exceeded, recipients per second; Infinity for none. */
  readonly rateLimit: number;
  /** The rate sending is paced at now (lowered after throttles). */
  readonly workingRate: number;
  /** "Maximum sending rate exceeded" answers seen. */
  readonly throttles: number;
  /** The daily quota (max Infinity when the account has none). */
  readonly quota: QuotaUsage;
  /** The hold in force, if sending is held. */
  readonly hold: Hold | undefined;
  /** Sends whose SES call timed out or lost its connection after the request went out. */
  readonly ambiguousTimeouts: number;
  /** Mean recipients per message sent, for estimates (1 before anything was sent). */
  readonly recipientsPerMessage: number;
  /** When SES's limits (GetSendQuota) were last read. */
  readonly limitsReadAt: number | undefined;
}

/**
 * The limiter hook between a worker and the sender: every send waits at the gate for its cost
 * in recipients, and every outcome is reported back through its pass so the gate can adapt.
 */
export interface SendGate {
  /** Waits until `cost` recipients may be sent, or says to try later. */
  acquire(cost: number, signal: AbortSignal): Promise<Admission>;
  /** The hold in force, if sending is held. */
  hold(now: number): Promise<Hold | undefined>;
  /** The limits' state now. */
  status(now: number): Promise<GateStatus>;
  /**
   * When `recipients` more could all be sent, at the working rate, within the daily quota and
   * after any hold; undefined when it cannot be told (the account is paused).
   */
  estimateDone(recipients: number, now: number): Promise<number | undefined>;
}

/** A gate that lets everything through: sending is bounded only by the workers. */
export function createOpenGate(): SendGate {
  const pass: GatePass = { async report() {} };
  return {
    async acquire(_cost, signal) {
      return signal.aborted ? { kind: "aborted" } : { kind: "go", pass };
    },
    async hold() {
      return undefined;
    },
    async status() {
      return {
        configuredRate: undefined,
        sesMaxSendRate: undefined,
        rateLimit: Number.POSITIVE_INFINITY,
        workingRate: Number.POSITIVE_INFINITY,
        throttles: 0,
        quota: {
          max: Number.POSITIVE_INFINITY,
          used: 0,
          remaining: Number.POSITIVE_INFINITY,
        },
        hold: undefined,
        ambiguousTimeouts: 0,
        recipientsPerMessage: 1,
        limitsReadAt: undefined,
      };
    },
    async estimateDone(_recipients, now) {
      return now;
    },
  };
}
