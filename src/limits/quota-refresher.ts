import type { Account, Quota } from "../account/types.ts";
import type { Logger } from "../logger.ts";
import { type Clock, sleepOn } from "../util/clock.ts";
import { coerceError } from "../util/errors.ts";
import { sleep } from "../util/sleep.ts";

/** SES allows GetSendQuota once a second; never ask more often than that, in real time. */
const MIN_REAL_INTERVAL_MS = 1000;
/** After a failed read, try again this soon (on the clock), or at the interval if shorter. */
const RETRY_AFTER_FAILURE_MS = 10_000;

/** What the refresher needs. */
export interface QuotaRefresherOptions {
  readonly account: Account;
  /** Receives each quota read. */
  readonly apply: (quota: Quota, now: number) => Promise<void>;
  readonly clock: Clock;
  readonly logger: Logger;
  /** How often to read the quota again. */
  readonly everyMs: number;
  /** Timeout of one read. */
  readonly timeoutMs: number;
}

/** Reads SES's sending limits (GetSendQuota) at start and then periodically. */
export interface QuotaRefresher {
  /** Reads once (a failure is logged, not thrown), then keeps reading in the background. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Creates the refresher. */
export function createQuotaRefresher(opts: QuotaRefresherOptions): QuotaRefresher {
  const { clock, logger } = opts;
  const abort = new AbortController();
  let loop: Promise<void> = Promise.resolve();
  let failing = false;

  const readOnce = async (): Promise<boolean> => {
    const signal = AbortSignal.any([abort.signal, AbortSignal.timeout(opts.timeoutMs)]);
    try {
      const quota = await opts.account.quota(signal);
      await opts.apply(quota, clock.now());
      if (failing) logger.info("SES's sending limits can be read again");
      failing = false;
      logger.debug({ ...quota }, "read SES's sending limits");
      return true;
    } catch (thrown) {
      if (abort.signal.aborted) return false;
      if (!failing) {
        logger.warn(
          { err: coerceError(thrown) },
          "could not read SES's sending limits (GetSendQuota); keeping the last known ones and trying again",
        );
      }
      failing = true;
      return false;
    }
  };

  const run = async (firstOk: boolean) => {
    let ok = firstOk;
    while (!abort.signal.aborted) {
      const wait = ok ? opts.everyMs : Math.min(opts.everyMs, RETRY_AFTER_FAILURE_MS);
      const started = Date.now();
      await sleepOn(clock, wait, abort.signal);
      const elapsed = Date.now() - started;
      if (elapsed < MIN_REAL_INTERVAL_MS) await sleep(MIN_REAL_INTERVAL_MS - elapsed, abort.signal);
      if (abort.signal.aborted) return;
      ok = await readOnce();
    }
  };

  return {
    async start() {
      loop = run(await readOnce());
    },
    async stop() {
      abort.abort();
      await loop;
    },
  };
}
