import type { Pool } from "pg";
import type {
  QuotaLedger,
  QuotaUsage,
  RateBudget,
  Reservation,
  SharedRate,
} from "../../limits/types.ts";
import type { SharedLimits } from "../types.ts";

/** An instance not heard of for this long is gone: its tokens and reservations stop counting. */
export const STALE_MS = 60_000;
/** How often an instance returns answered tokens, records settled sends and says it is alive. */
const FLUSH_MS = 1000;
/** Quota reserved per trip to the database beyond the message in hand, in recipients. */
const QUOTA_BATCH = 50;
/** Usage read from the database is reused this long. */
const USAGE_TTL_MS = 1000;

const num = (v: unknown): number => (v === null || v === undefined ? Number.NaN : Number(v));

/**
 * The SES account's rate and daily quota kept in PostgreSQL, for every instance on the
 * database: a RateBudget and a QuotaLedger backed by the functions of migration 0002.
 * Tokens and quota are taken in batches; answered tokens and settled sends are returned with
 * the next trip or within a second, so the database is not asked once per message.
 */
export async function openSharedLimits(
  pool: Pool,
  instance: string,
  opts: { readonly rate: number; readonly now: () => number },
): Promise<SharedLimits> {
  await pool.query("SELECT rate_init($1, $2)", [opts.rate, opts.now()]);
  const budget = createSharedBudget(pool, instance);
  const ledger = createSharedLedger(pool, instance);
  let flushing = false;
  const timer = setInterval(() => {
    if (flushing) return;
    flushing = true;
    const now = opts.now();
    Promise.all([budget.flush(now), ledger.flush(now)])
      .catch(() => {}) // kept locally; the next trip or flush takes it
      .finally(() => {
        flushing = false;
      });
  }, FLUSH_MS).unref();
  return {
    budget,
    ledger,
    async close() {
      clearInterval(timer);
      // The workers have stopped: nothing of this instance is in flight any more.
      const now = opts.now();
      await ledger.flush(now, true);
      await pool.query("DELETE FROM rate_holders WHERE instance = $1", [instance]);
      await pool.query("DELETE FROM quota_holders WHERE instance = $1", [instance]);
    },
  };
}

/** The shared token bucket, and what this instance has of it. */
function createSharedBudget(pool: Pool, instance: string) {
  let landed = 0; // tokens of answered sends, not yet returned to the database
  let held = 0; // tokens taken and not answered (in flight, or kept by the limiter)
  let seenLoweredAt = -1;
  let known: number | undefined; // the shared rate as last seen
  let adopt: SharedRate | undefined; // to hand to the limiter with the next grant

  /** Notes the shared rate; one that others changed is handed to the limiter to adopt. */
  const observe = (row: { rate: unknown; lowered_at: unknown } | undefined) => {
    if (row === undefined || row.rate === null) return;
    const rate = num(row.rate);
    const loweredAt = num(row.lowered_at);
    if (loweredAt > seenLoweredAt) {
      seenLoweredAt = loweredAt;
      adopt = { rate, lowered: true };
    } else if (known !== undefined && rate > known) {
      adopt = { rate, lowered: false };
    }
    known = rate;
  };
  /** Runs `fn` with the tokens landed so far; they are kept for later if it fails. */
  const withLanded = async <T>(fn: (count: number) => Promise<T>): Promise<T> => {
    const count = landed;
    landed -= count;
    try {
      return await fn(count);
    } catch (err) {
      landed += count;
      throw err;
    }
  };

  const budget: RateBudget & { flush(now: number): Promise<void> } = {
    async take(min, max, now) {
      const row = await withLanded(
        async (count) =>
          (
            await pool.query("SELECT * FROM rate_take($1, $2, $3, $4, $5, $6)", [
              instance,
              min,
              max,
              count,
              now,
              now - STALE_MS,
            ])
          ).rows[0],
      );
      const granted = num(row?.granted);
      held += granted;
      observe(row);
      const shared = adopt;
      adopt = undefined;
      return { granted, retryInMs: num(row?.retry_in_ms), shared };
    },
    async landed(count) {
      landed += count;
      held = Math.max(0, held - count);
    },
    async setRate(rate, now) {
      const row = await withLanded(
        async (count) =>
          (
            await pool.query("SELECT * FROM rate_set($1, $2, $3, $4, $5, $6)", [
              instance,
              rate,
              seenLoweredAt,
              count,
              now,
              now - STALE_MS,
            ])
          ).rows[0],
      );
      observe(row);
    },
    async drain(now) {
      await pool.query("SELECT rate_drain($1, $2)", [now, now - STALE_MS]);
    },
    async flush(now) {
      if (landed === 0 && held === 0) return;
      await withLanded((count) =>
        pool.query("SELECT rate_hold($1, $2, $3)", [instance, -count, now]),
      );
    },
  };
  return budget;
}

/** The shared 24-hour ledger, and the quota this instance reserved ahead. */
function createSharedLedger(pool: Pool, instance: string) {
  let allowance = 0; // reserved in the database, not handed out yet
  let out = 0; // handed out to sends not settled yet
  let counted = 0; // settled as sent, not yet recorded in the database
  let lastReserveAt = Number.NEGATIVE_INFINITY;
  let snapshot: { max: number; used: number; at: number } | undefined;

  /** One trip: records settled sends, releases `release`, reserves `min` to `want`. */
  const trip = async (min: number, want: number, release: number, now: number) => {
    const c = counted;
    counted -= c;
    try {
      const { rows } = await pool.query("SELECT * FROM quota_reserve($1, $2, $3, $4, $5, $6, $7)", [
        instance,
        min,
        want,
        c,
        release,
        now,
        now - STALE_MS,
      ]);
      const row = rows[0];
      snapshot = { max: num(row?.max), used: num(row?.used), at: now };
      return num(row?.granted);
    } catch (err) {
      counted += c;
      throw err;
    }
  };
  const usage = async (now: number): Promise<QuotaUsage> => {
    if (snapshot === undefined || now - snapshot.at >= USAGE_TTL_MS || now < snapshot.at)
      await trip(0, 0, 0, now);
    const s = snapshot as { max: number; used: number };
    // What this instance reserved ahead is room for its own next sends, not usage.
    const used = Math.max(0, s.used - allowance);
    return { max: s.max, used, remaining: Math.max(0, s.max - used) };
  };
  const freeAt = async (amount: number, now: number): Promise<number | undefined> => {
    const u = await usage(now);
    const need = u.used + amount - u.max;
    if (need <= 0) return now;
    const { rows } = await pool.query("SELECT quota_frees_at($1, $2) AS at", [need, now]);
    const at = rows[0]?.at;
    return at === null || at === undefined ? undefined : Number(at);
  };

  const ledger: QuotaLedger & { flush(now: number, all?: boolean): Promise<void> } = {
    async reserve(cost, now): Promise<Reservation> {
      lastReserveAt = now;
      if (allowance < cost) {
        const need = cost - allowance;
        const granted = await trip(need, need + QUOTA_BATCH, 0, now);
        if (granted < need) return { granted: false, freeAt: await freeAt(cost, now) };
        allowance += granted;
      }
      allowance -= cost;
      out += cost;
      return { granted: true };
    },
    async settle(cost, isCounted) {
      out = Math.max(0, out - cost);
      // Not counted by SES: the reservation is still this instance's, for its next send.
      if (isCounted) counted += cost;
      else allowance += cost;
    },
    async sync(max24HourSend, sentLast24Hours, now) {
      const c = counted;
      counted -= c;
      try {
        await pool.query("SELECT quota_sync($1, $2, $3, $4, $5, $6)", [
          instance,
          max24HourSend < 0 ? Number.POSITIVE_INFINITY : max24HourSend,
          sentLast24Hours,
          c,
          now,
          now - STALE_MS,
        ]);
      } catch (err) {
        counted += c;
        throw err;
      }
      snapshot = undefined;
    },
    async markExhausted(now) {
      const c = counted;
      counted -= c;
      try {
        await pool.query("SELECT quota_exhausted($1, $2, $3, $4)", [
          instance,
          c,
          now,
          now - STALE_MS,
        ]);
      } catch (err) {
        counted += c;
        throw err;
      }
      snapshot = undefined;
    },
    freeAt,
    usage,
    async flush(now, all = false) {
      // Quota reserved ahead and not used for a while goes back, for the other instances.
      const idle = all || now - lastReserveAt > 2 * FLUSH_MS;
      const release = idle ? allowance : 0;
      if (counted === 0 && release === 0 && out === 0 && allowance === 0) return;
      allowance -= release;
      try {
        await trip(0, 0, release, now);
      } catch (err) {
        allowance += release;
        throw err;
      }
    },
  };
  return ledger;
}
