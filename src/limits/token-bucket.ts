import type { Grant, RateBudget } from "./types.ts";

/** Options of the in-process token bucket. */
export interface TokenBucketOptions {
  /** Recipients per second; Infinity for no limit. */
  readonly rate: number;
  /** The burst, in seconds' worth of the rate: SES allows one second's worth. */
  readonly burstSeconds?: number;
  readonly now: number;
}

/** The in-process RateBudget: a token bucket in recipients, starting full. */
export function createTokenBucket(opts: TokenBucketOptions): RateBudget {
  const burstSeconds = opts.burstSeconds ?? 1;
  let rate = opts.rate;
  let capacity = rate * burstSeconds;
  let tokens = capacity;
  let updatedAt = opts.now;

  const refill = (now: number) => {
    if (now > updatedAt && Number.isFinite(rate)) {
      tokens = Math.min(capacity, tokens + ((now - updatedAt) / 1000) * rate);
    }
    updatedAt = Math.max(updatedAt, now);
  };

  const take = (min: number, max: number, now: number): Grant => {
    if (!Number.isFinite(rate)) return { granted: max, retryInMs: 0 };
    refill(now);
    if (tokens >= min) {
      const granted = Math.max(min, Math.min(max, Math.floor(tokens)));
      tokens -= granted;
      return { granted, retryInMs: 0 };
    }
    // A message costing more than the burst goes when the bucket is full, leaving a debt
    // that the rate pays back before anything else goes.
    if (tokens >= capacity) {
      tokens -= min;
      return { granted: min, retryInMs: 0 };
    }
    const target = Math.min(min, capacity);
    return { granted: 0, retryInMs: Math.ceil(((target - tokens) / rate) * 1000) };
  };

  return {
    async take(min, max, now) {
      return take(min, max, now);
    },
    async setRate(next, now) {
      refill(now);
      const wasUnlimited = !Number.isFinite(rate);
      rate = next;
      capacity = rate * burstSeconds;
      tokens = wasUnlimited ? capacity : Math.min(tokens, capacity);
    },
    async drain(now) {
      refill(now);
      tokens = Math.min(tokens, 0);
    },
  };
}
