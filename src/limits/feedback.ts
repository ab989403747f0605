import type { Logger } from "../logger.ts";
import type { SendOutcome } from "../outbox/send-gate.ts";
import type { Aimd } from "./aimd.ts";
import { formatRate, formatTime } from "./format.ts";
import type { Pause } from "./pause.ts";
import type { QuotaHold } from "./quota-hold.ts";
import type { QuotaLedger } from "./types.ts";

/** One send that passed the gate, as its outcome is fed back. */
export interface SendTicket {
  readonly cost: number;
  /** The rate (not demand) held it back at the gate. */
  readonly paced: boolean;
  readonly admittedAt: number;
  /** It went as the probe of a paused account. */
  readonly probe: boolean;
}

/** What feeding outcomes back needs. */
export interface FeedbackDeps {
  readonly ledger: QuotaLedger;
  readonly aimd: Aimd;
  readonly pause: Pause;
  readonly quotaHold: QuotaHold;
  readonly logger: Logger;
  readonly probeEveryMs: number;
  /** Hands the working rate to the rate budget; `lowered` after a throttle (drains it too). */
  readonly rateChanged: (now: number, lowered: boolean) => Promise<void>;
}

/** How SES answered sends: the counters Status shows. */
export interface FeedbackCounts {
  readonly throttles: number;
  readonly ambiguousTimeouts: number;
  readonly sentMessages: number;
  readonly sentRecipients: number;
}

/** Learns from each send's outcome: the quota ledger, the working rate, the pause. */
export interface Feedback {
  readonly counts: FeedbackCounts;
  apply(ticket: SendTicket, outcome: SendOutcome, now: number): Promise<void>;
}

/** Creates the feedback. */
export function createFeedback(deps: FeedbackDeps): Feedback {
  const { ledger, aimd, pause, quotaHold, logger } = deps;
  const counts = { throttles: 0, ambiguousTimeouts: 0, sentMessages: 0, sentRecipients: 0 };

  const sent = async (t: SendTicket, now: number) => {
    counts.sentMessages += 1;
    counts.sentRecipients += t.cost;
    await ledger.settle(t.cost, true, now);
    // Only a send the rate held back says the rate could be higher: when demand is below the
    // rate, success proves nothing about SES's limit.
    if (!t.paced) return;
    const below = aimd.rate < aimd.limit;
    aimd.succeeded(now);
    await deps.rateChanged(now, false);
    if (below && aimd.rate >= aimd.limit) {
      logger.info(
        { workingRate: aimd.rate },
        `working rate back at the limit, ${formatRate(aimd.rate)}`,
      );
    }
  };

  const throttled = async (t: SendTicket, now: number) => {
    counts.throttles += 1;
    await ledger.settle(t.cost, false, now);
    if (!aimd.throttled(t.admittedAt, now)) return;
    await deps.rateChanged(now, true);
    logger.warn(
      { workingRate: aimd.rate, limit: aimd.limit },
      `SES throttled: working rate lowered to ${formatRate(aimd.rate)} (limit ${formatRate(aimd.limit)})`,
    );
  };

  const paused = async (t: SendTicket, reason: string, code: string, now: number) => {
    await ledger.settle(t.cost, false, now);
    if (pause.onPaused(reason, t.probe, now)) {
      logger.error(
        { code, reason, nextProbeAt: formatTime(pause.nextProbeAt) },
        `SES paused the account's sending: every message is held (queued, not failed); one probe every ${Math.round(deps.probeEveryMs / 1000)}s, and sending resumes by itself when one is accepted`,
      );
    } else if (t.probe) {
      logger.info(
        { nextProbeAt: formatTime(pause.nextProbeAt) },
        "probe: the account's sending is still paused",
      );
    }
  };

  return {
    counts,
    async apply(t, outcome, now) {
      switch (outcome.kind) {
        case "sent":
          await sent(t, now);
          break;
        case "throttled":
          await throttled(t, now);
          break;
        case "quota":
          await ledger.settle(t.cost, false, now);
          await ledger.markExhausted(now);
          quotaHold.start(undefined, `SES answered "${outcome.message}"`);
          break;
        case "paused":
          await paused(t, outcome.message, outcome.code, now);
          return;
        case "permanent":
          await ledger.settle(t.cost, false, now);
          break;
        case "transient":
          if (outcome.ambiguous) counts.ambiguousTimeouts += 1;
          // SES may have counted an ambiguous send: it stays in the ledger.
          await ledger.settle(t.cost, outcome.ambiguous === true, now);
          // Says nothing about a pause: the probe is tried again later.
          pause.onAnswered(t.probe, false, now);
          return;
      }
      if (pause.onAnswered(t.probe, true, now)) {
        logger.info('SES answered a probe without "paused": the account\'s sending resumed');
      }
    },
  };
}
