import type { Clock } from "../../src/util/clock.ts";

/** A clock for tests: runs `scale` times faster than real time, and can jump ahead. */
export interface TestClock extends Clock {
  /** Moves the clock forward by `ms` at once (e.g. a day, to free the quota window). */
  advance(ms: number): void;
}

/**
 * Creates a test clock starting at `start` (default: now). With scale 4, one second of the
 * clock takes 250 ms: rates in "per second" are per second of this clock. Give the same clock
 * to the app and to the fake SES, so both count the same seconds.
 */
export function createTestClock(opts: { scale?: number; start?: number } = {}): TestClock {
  const scale = opts.scale ?? 1;
  const realStart = performance.now();
  const start = opts.start ?? Date.now();
  let offset = 0;
  return {
    now: () => Math.floor(start + (performance.now() - realStart) * scale + offset),
    realMs: (ms) => ms / scale,
    advance(ms) {
      offset += ms;
    },
  };
}
