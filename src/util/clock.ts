import { sleep } from "./sleep.ts";

/**
 * Where time comes from. Everything that reads the time or waits for it takes a Clock, so a
 * test can run hours of sending limits in seconds, or jump a day ahead.
 */
export interface Clock {
  /** Milliseconds since the epoch, on this clock. */
  now(): number;
  /** Real milliseconds that `ms` of this clock's time take (a test clock may run faster). */
  realMs(ms: number): number;
}

/** The system's clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  realMs: (ms) => ms,
};

/** A clock that reads `now` and runs at real speed. */
export function clockFrom(now: () => number): Clock {
  return { now, realMs: (ms) => ms };
}

/** Waits `ms` of the clock's time; resolves early (without throwing) when the signal aborts. */
export function sleepOn(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return sleep(Math.max(0, Math.ceil(clock.realMs(ms))), signal);
}
