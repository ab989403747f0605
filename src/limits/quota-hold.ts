import type { Logger } from "../logger.ts";
import { formatTime } from "./format.ts";

/** A hold for the daily quota: until when (if known), and why, in words. */
export interface QuotaHoldState {
  readonly until: number | undefined;
  readonly detail: string;
}

/** Whether sending is held for the daily quota; logs when a hold starts and ends. */
export interface QuotaHold {
  readonly current: QuotaHoldState | undefined;
  /** A message found no room: sending is held (updating the expected end if held already). */
  start(until: number | undefined, detail: string): void;
  /** A message found room again. */
  end(): void;
}

/** Creates the quota hold, not held. */
export function createQuotaHold(logger: Logger): QuotaHold {
  let current: QuotaHoldState | undefined;
  return {
    get current() {
      return current;
    },
    start(until, detail) {
      if (current === undefined) {
        logger.warn(
          { until: formatTime(until) },
          `${detail}: sending held (messages stay queued) until ${formatTime(until)}`,
        );
      }
      current = { until, detail };
    },
    end() {
      if (current === undefined) return;
      current = undefined;
      logger.info("the daily quota has room again: sending resumed");
    },
  };
}
