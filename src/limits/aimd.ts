/** Options of the adaptive rate. */
export interface AimdOptions {
  /** The rate never to exceed (recipients per second); Infinity for no limit. */
  readonly limit: number;
  /** Factor applied to the rate when SES throttles. */
  readonly decrease?: number;
  readonly now: number;
}

/**
 * The working send rate, adapted the way TCP adapts its window (AIMD): SES answering
 * "Maximum sending rate exceeded" multiplies the rate by `decrease`; while sends succeed it
 * climbs back additively toward the limit.
 */
export interface Aimd {
  /** The working rate, recipients per second. */
  readonly rate: number;
  /** The limit it climbs toward. */
  readonly limit: number;
  /** Sets a new limit; the working rate is lowered to it at once, or climbs to it. */
  setLimit(limit: number, now: number): void;
  /** Starts over at `limit` (the first limit actually read, after a provisional one). */
  reset(limit: number, now: number): void;
  /**
   * A send admitted at `admittedAt` was throttled. Lowers the rate once per congestion event:
   * throttles of sends admitted before the last decrease were paced by the old rate and say
   * nothing new. Returns true when the rate was lowered.
   */
  throttled(admittedAt: number, now: number): boolean;
  /** A send succeeded: the rate grows by the step for the time since the last success. */
  succeeded(now: number): void;
  /**
   * Takes the working rate other instances arrived at (a shared budget), never above the
   * limit: lowered, it counts as a congestion event here too (throttles of sends admitted
   * before it say nothing new); raised, this instance climbs on from there.
   */
  adopt(rate: number, lowered: boolean, now: number): void;
}

/** Additive step per second of successful sending (a quarter of it above the last throttle): 1% of the limit, at least 1/s for small limits. */
export function increasePerSecond(limit: number): number {
  return Math.max(limit / 100, Math.min(1, limit / 10));
}

/** Creates the adaptive rate, starting at the limit. */
export function createAimd(opts: AimdOptions): Aimd {
  const decrease = opts.decrease ?? 0.8;
  let limit = opts.limit;
  let rate = limit;
  let lastDecreaseAt = Number.NEGATIVE_INFINITY;
  let lastSuccessAt = opts.now;
  // The rate at the last throttle: past it the climb slows (as TCP CUBIC plateaus near its
  // last loss), so the rate lingers where SES's real limit was found instead of overshooting.
  let ceiling = Number.POSITIVE_INFINITY;
  const floor = () => Math.min(limit, Math.max(0.1, limit / 50));

  return {
    get rate() {
      return rate;
    },
    get limit() {
      return limit;
    },
    setLimit(next, now) {
      if (next === limit) return;
      // Leaving "no limit" (or the first real limit) starts at the limit; otherwise keep the
      // working rate, capped, and let it climb.
      rate = Number.isFinite(rate) ? Math.min(rate, next) : next;
      limit = next;
      lastSuccessAt = now;
    },
    reset(next, now) {
      limit = next;
      rate = next;
      ceiling = Number.POSITIVE_INFINITY;
      lastSuccessAt = now;
    },
    throttled(admittedAt, now) {
      if (!Number.isFinite(rate) || admittedAt < lastDecreaseAt) return false;
      ceiling = rate;
      rate = Math.max(floor(), rate * decrease);
      lastDecreaseAt = now;
      lastSuccessAt = now;
      return true;
    },
    adopt(next, lowered, now) {
      // Without a limit there is nothing to adapt (and no step to climb by).
      if (!Number.isFinite(limit)) return;
      const capped = Math.min(limit, next);
      if (!lowered) {
        rate = Math.max(rate, capped);
        return;
      }
      if (capped >= rate) return;
      ceiling = rate;
      rate = capped;
      lastDecreaseAt = now;
      lastSuccessAt = now;
    },
    succeeded(now) {
      const elapsed = Math.min(1000, Math.max(0, now - lastSuccessAt));
      lastSuccessAt = now;
      if (rate >= limit) return;
      const step = (increasePerSecond(limit) * elapsed) / 1000;
      rate = Math.min(limit, rate + (rate >= ceiling ? step / 4 : step));
    },
  };
}
