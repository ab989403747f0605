/** Measures a rate over a sliding window of whole seconds. */
export interface RateMeter {
  /** Adds `amount` at time `now` (ms). */
  add(amount: number, now: number): void;
  /** The average per second over the window ending at `now`. */
  rate(now: number): number;
}

/** Creates a RateMeter averaging over `windowSeconds`. */
export function createRateMeter(windowSeconds = 10): RateMeter {
  const slots = new Float64Array(windowSeconds);
  const stamps = new Float64Array(windowSeconds).fill(-1);
  return {
    add(amount, now) {
      const second = Math.floor(now / 1000);
      const i = second % windowSeconds;
      if (stamps[i] !== second) {
        stamps[i] = second;
        slots[i] = 0;
      }
      slots[i] = (slots[i] as number) + amount;
    },
    rate(now) {
      const second = Math.floor(now / 1000);
      let sum = 0;
      for (let i = 0; i < windowSeconds; i++) {
        const s = stamps[i] as number;
        if (s > second - windowSeconds && s <= second) sum += slots[i] as number;
      }
      return sum / windowSeconds;
    },
  };
}
