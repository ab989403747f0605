import type { Quota } from "../account/types.ts";
import type { Logger } from "../logger.ts";
import type { Admission, GatePass, GateStatus, Hold, SendGate } from "../outbox/send-gate.ts";
import type { Clock } from "../util/clock.ts";
import { coerceError } from "../util/errors.ts";
import { createWakeup } from "../util/signal.ts";
import { createAimd } from "./aimd.ts";
import { createFeedback } from "./feedback.ts";
import { formatRate, formatTime } from "./format.ts";
import { createPause } from "./pause.ts";
import { createQuotaHold } from "./quota-hold.ts";
import type { QuotaLedger, RateBudget, SharedRate } from "./types.ts";

/** What the limiter needs. */
export interface LimiterGateOptions {
  readonly budget: RateBudget;
  readonly ledger: QuotaLedger;
  readonly clock: Clock;
  readonly logger: Logger;
  /** ASYNCSES_MAX_SEND_RATE: a cap below SES's rate; undefined for none. */
  readonly configuredRate: number | undefined;
  /** The rate used until SES's limits are read (and if they cannot be). */
  readonly initialRate: number;
  /** While the account is paused, one message is let through as a probe this often. */
  readonly probeEveryMs: number;
  /** The longest a message waits at the gate for rate tokens before going back to the queue. */
  readonly maxWaitMs: number;
  /**
   * Extra tokens taken from the budget per request, to ask a shared engine less often: a
   * number, or one computed from the working rate.
   */
  readonly batch?: number | ((workingRate: number) => number);
}

/** The limiter: a SendGate that also takes SES's limits as they are read. */
export interface LimiterGate extends SendGate {
  /** Applies SES's limits (GetSendQuota): the rate limit and the daily quota. */
  applyQuota(quota: Quota, now: number): Promise<void>;
}

interface Waiter {
  readonly cost: number;
  /** True once it had to wait for rate tokens: the rate, not demand, paced it. */
  paced: boolean;
  readonly signal: AbortSignal;
  readonly enqueuedAt: number;
  readonly resolve: (admission: Admission) => void;
  readonly onAbort: () => void;
}

/** The pump re-checks holds and aborts at least this often while waiting for tokens. */
const RECHECK_MS = 250;

/**
 * Creates the limiter. Sends queue at the gate in order; the head waits for its recipients'
 * worth of rate tokens, then reserves them in the daily quota and passes the pause. A hold
 * (quota used up, account paused) or a wait longer than `maxWaitMs` sends messages back to
 * the queue with the time to look again: a worker never sits on a message for long.
 */
export function createLimiterGate(opts: LimiterGateOptions): LimiterGate {
  const { budget, ledger, clock, logger } = opts;
  const batch = (): number => {
    const b = opts.batch ?? 0;
    return typeof b === "number" ? b : b(aimd.rate);
  };
  const aimd = createAimd({ limit: opts.configuredRate ?? opts.initialRate, now: clock.now() });
  const pause = createPause(opts.probeEveryMs);
  const wakeup = createWakeup();
  const waiters: Waiter[] = [];
  let pumping = false;
  let local = 0;
  let pushedRate = aimd.rate;
  let sesMaxSendRate: number | undefined;
  let limitsReadAt: number | undefined;
  const quotaHold = createQuotaHold(logger);

  /** Hands the working rate to the budget; small climbs are batched (1%) for shared engines. */
  const pushRate = async (now: number, force = false) => {
    const rate = aimd.rate;
    if (!force && Math.abs(rate - pushedRate) < Math.max(0.01, pushedRate * 0.01)) return;
    pushedRate = rate;
    await budget.setRate(rate, now);
  };
  const feedback = createFeedback({
    ledger,
    aimd,
    pause,
    quotaHold,
    logger,
    probeEveryMs: opts.probeEveryMs,
    async rateChanged(now, lowered) {
      // After a throttle SES's bucket is empty: so is ours.
      if (lowered) await budget.drain(now);
      await pushRate(now, lowered);
    },
  });

  /** Another instance changed the shared working rate: this one follows. */
  const adoptShared = (shared: SharedRate, now: number) => {
    const before = aimd.rate;
    aimd.adopt(shared.rate, shared.lowered, now);
    pushedRate = shared.rate;
    if (aimd.rate < before) {
      logger.info(
        { workingRate: aimd.rate, limit: aimd.limit },
        `working rate lowered to ${formatRate(aimd.rate)} by another instance on the database (a throttle it saw, or its lower limit)`,
      );
    }
  };

  const settle = (w: Waiter, admission: Admission) => {
    w.signal.removeEventListener("abort", w.onAbort);
    w.resolve(admission);
  };
  const remove = (w: Waiter) => {
    const i = waiters.indexOf(w);
    if (i >= 0) waiters.splice(i, 1);
  };

  const pauseHold = (until: number): Admission => ({
    kind: "later",
    until,
    code: "AccountSendingPaused",
    reason: `held: SES paused the account's sending (${pause.reason}); the next probe goes at ${formatTime(pause.nextProbeAt)}`,
  });
  const quotaLater = (until: number | undefined, now: number): Admission => ({
    kind: "later",
    // Unknown: SES's own count must drop; it is read again at the next refresh.
    until: until ?? now + opts.probeEveryMs,
    code: "DailyQuotaExceeded",
    reason: `held: the daily sending quota is used up; expected to have room at ${formatTime(until)}`,
  });

  /** The hold the head of the queue meets now, without reserving anything. */
  const holdFor = async (w: Waiter, now: number): Promise<Admission | undefined> => {
    if (pause.paused) {
      const a = pause.peek(now);
      return a.kind === "hold" ? pauseHold(a.until) : undefined;
    }
    const usage = await ledger.usage(now);
    if (usage.used > 0 && usage.used + w.cost > usage.max) {
      const until = await ledger.freeAt(w.cost, now);
      quotaHold.start(
        until,
        `the daily quota is used up (${usage.used} of ${usage.max} recipients in 24 hours)`,
      );
      return quotaLater(until, now);
    }
    return undefined;
  };

  const sendBackLongWaiters = (now: number) => {
    let ahead = -local;
    for (const w of [...waiters]) {
      ahead += w.cost;
      if (now - w.enqueuedAt < opts.maxWaitMs) continue;
      remove(w);
      const rate = aimd.rate;
      const until = now + Math.ceil((Math.max(0, ahead) / rate) * 1000);
      settle(w, {
        kind: "later",
        until,
        code: "RateWait",
        reason: `waiting for the send rate (${formatRate(rate)}): too many recipients ahead`,
      });
    }
  };

  const admit = async (w: Waiter, now: number): Promise<Admission | undefined> => {
    const reservation = await ledger.reserve(w.cost, now);
    if (!reservation.granted) {
      quotaHold.start(reservation.freeAt, "the daily quota is used up");
      return quotaLater(reservation.freeAt, now);
    }
    const p = pause.admit(now);
    if (p.kind === "hold") {
      await ledger.settle(w.cost, false, now);
      return pauseHold(p.until);
    }
    quotaHold.end();
    local -= w.cost;
    return { kind: "go", pass: createPass(w, now, p.probe) };
  };

  const pump = async () => {
    if (pumping) return;
    pumping = true;
    try {
      while (waiters.length > 0) {
        const head = waiters[0] as Waiter;
        const now = clock.now();
        const held = await holdFor(head, now);
        if (held !== undefined) {
          // A pause holds everyone; a quota hold only messages it has no room for.
          const all = held.kind === "later" && held.code === "AccountSendingPaused";
          for (const w of all ? [...waiters] : [head]) {
            remove(w);
            settle(w, held);
          }
          continue;
        }
        if (local < head.cost) {
          const need = head.cost - local;
          const grant = await budget.take(need, need + batch(), now);
          local += grant.granted;
          if (grant.shared !== undefined) adoptShared(grant.shared, now);
          if (local < head.cost) {
            head.paced = true;
            sendBackLongWaiters(now);
            await wakeup.wait(
              Math.max(1, Math.ceil(clock.realMs(Math.min(grant.retryInMs, RECHECK_MS)))),
            );
            continue;
          }
        }
        if (waiters[0] !== head) continue; // it aborted while we waited
        waiters.shift();
        const admission = await admit(head, clock.now());
        if (admission !== undefined) settle(head, admission);
      }
    } catch (thrown) {
      // A shared engine failed: send everyone back to the queue for a moment.
      logger.error({ err: coerceError(thrown) }, "the send limiter failed; retrying in 1s");
      const until = clock.now() + 1000;
      for (const w of waiters.splice(0)) {
        settle(w, {
          kind: "later",
          until,
          code: "LimiterError",
          reason: "the limiter failed",
        });
      }
    } finally {
      pumping = false;
    }
  };

  const createPass = (w: Waiter, admittedAt: number, probe: boolean): GatePass => {
    let reported = false;
    return {
      async report(outcome, now) {
        if (reported) return;
        reported = true;
        try {
          await budget.landed(w.cost, now);
          await feedback.apply({ cost: w.cost, paced: w.paced, admittedAt, probe }, outcome, now);
        } finally {
          wakeup.notify();
        }
      },
    };
  };

  const currentHold = async (now: number): Promise<Hold | undefined> => {
    if (pause.paused) return { reason: "paused", detail: pause.reason, until: pause.nextProbeAt };
    const q = quotaHold.current;
    if (q === undefined) return undefined;
    return { reason: "quota", detail: q.detail, until: q.until ?? (await ledger.freeAt(1, now)) };
  };

  return {
    acquire(cost, signal) {
      if (signal.aborted) return Promise.resolve({ kind: "aborted" });
      return new Promise<Admission>((resolve) => {
        const w: Waiter = {
          cost,
          paced: false,
          signal,
          enqueuedAt: clock.now(),
          resolve,
          onAbort: () => {
            remove(w);
            resolve({ kind: "aborted" });
            wakeup.notify();
          },
        };
        signal.addEventListener("abort", w.onAbort, { once: true });
        waiters.push(w);
        void pump();
      });
    },

    async applyQuota(quota, now) {
      sesMaxSendRate = quota.maxSendRate > 0 ? quota.maxSendRate : undefined;
      const limit = Math.min(
        sesMaxSendRate ?? Number.POSITIVE_INFINITY,
        opts.configuredRate ?? Number.POSITIVE_INFINITY,
      );
      if (limit !== aimd.limit || limitsReadAt === undefined) {
        // The limit before the first read was provisional: start at the one read.
        if (limitsReadAt === undefined) aimd.reset(limit, now);
        else aimd.setLimit(limit, now);
        logger.info(
          {
            limit: Number.isFinite(limit) ? limit : null,
            sesMaxSendRate: sesMaxSendRate ?? null,
            configuredRate: opts.configuredRate ?? null,
          },
          `send rate limit ${formatRate(limit)} (SES MaxSendRate ${formatRate(sesMaxSendRate ?? Number.POSITIVE_INFINITY)}, ASYNCSES_MAX_SEND_RATE ${formatRate(opts.configuredRate ?? Number.POSITIVE_INFINITY)})`,
        );
      }
      await pushRate(now, true);
      await ledger.sync(quota.max24HourSend, quota.sentLast24Hours, now);
      limitsReadAt = now;
      wakeup.notify();
    },

    hold: currentHold,

    async status(now): Promise<GateStatus> {
      const quota = await ledger.usage(now);
      const hold = await currentHold(now);
      const { throttles, ambiguousTimeouts, sentMessages, sentRecipients } = feedback.counts;
      return {
        configuredRate: opts.configuredRate,
        sesMaxSendRate,
        rateLimit: aimd.limit,
        workingRate: aimd.rate,
        throttles,
        quota,
        hold,
        ambiguousTimeouts,
        recipientsPerMessage: sentMessages === 0 ? 1 : sentRecipients / sentMessages,
        limitsReadAt,
      };
    },

    async estimateDone(recipients, now) {
      if (recipients <= 0) return now;
      if (pause.paused) return undefined;
      const rate = aimd.rate;
      const paced = now + (Number.isFinite(rate) ? Math.ceil((recipients / rate) * 1000) : 0);
      const usage = await ledger.usage(now);
      if (recipients <= usage.remaining) return paced;
      if (recipients > usage.max) return undefined;
      const room = await ledger.freeAt(recipients, now);
      return room === undefined ? undefined : Math.max(paced, room);
    },
  };
}
