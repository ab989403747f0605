import type { Grant, RateBudget } from "./types.ts";

/** Options of the in-process token bucket. */
export interface TokenBucketOptions {
  /** Recipients per second; Infinity for no limit. */
  readonly rate: number;
  /** The burst, in seconds' worth of the rate: SES allows one second's worth. */
  readonly burstSeconds?: number;
  readonly now: number;
}

/**
 * The in-process RateBudget: a token bucket in recipients, starting full.
 *
 * Tokens taken for sends SES has not answered yet stay "in flight" and keep their room in the
 * bucket: the bucket refills only up to the burst less what is in flight. A send may reach SES
 * long after it was let go (a stalled event loop, a slow connection) and arrive together with
 * sends let go later; counting it until SES answers means that whatever arrives together never
 * exceeds one burst plus the rate, which is what SES's own bucket allows.
 */
export function createTokenBucket(opts: TokenBucketOptions): RateBudget {
  const burstSeconds = opts.burstSeconds ?? 1;
  let rate = opts.rate;
  let capacity = rate * burstSeconds;
  let tokens = capacity;
  let inFlight = 0;
  let updatedAt = opts.now;

  const refill = (now: number) => {
    const room = capacity - inFlight;
    if (now > updatedAt && Number.isFinite(rate) && tokens < room) {
      tokens = Math.min(room, tokens + ((now - updatedAt) / 1000) * rate);
    }
    updatedAt = Math.max(updatedAt, now);
  };

  const take = (min: number, max: number, now: number): Grant => {
    if (!Number.isFinite(rate)) return { granted: max, retryInMs: 0 };
    refill(now);
    let granted = 0;
    if (tokens >= min) granted = Math.max(min, Math.min(max, Math.floor(tokens)));
    // A message costing more than the burst goes when the bucket is full (nothing in flight),
    // leaving a debt that the rate pays back before anything else goes.
    else if (tokens >= capacity) granted = min;
    if (granted > 0) {
      tokens -= granted;
      inFlight += granted;
      return { granted, retryInMs: 0 };
    }
    const target = Math.min(min, capacity);
    return { granted: 0, retryInMs: Math.ceil(((target - tokens) / rate) * 1000) };
  };

  return {
    async take(min, max, now) {
      return take(min, max, now);
    },
    async landed(count, now) {
      refill(now);
      inFlight = Math.max(0, inFlight - count);
    },
    async setRate(next, now) {
      refill(now);
      const wasUnlimited = !Number.isFinite(rate);
      rate = next;
      capacity = rate * burstSeconds;
      tokens = wasUnlimited ? capacity - inFlight : Math.min(tokens, capacity - inFlight);
    },
    async drain(now) {
      refill(now);
      tokens = Math.min(tokens, 0);
    },
  };
}
