/**
 * The engine-neutral parts of the sending limits. Both belong to the SES account, not to one
 * process: the local implementations serve a single instance, and a shared engine (PostgreSQL)
 * can implement the same interfaces so that every instance draws on one bucket and one ledger.
 * Times are passed in (milliseconds on the caller's clock); every method may be asynchronous.
 */

/** What one request for rate tokens got. */
export interface Grant {
  /** Tokens granted: 0, or from `min` to `max`. */
  readonly granted: number;
  /** When nothing was granted: how long until `min` tokens are likely to be there (ms). */
  readonly retryInMs: number;
  /**
   * From a shared budget: the working rate, when other instances changed it since this one
   * last looked. The limiter adopts it.
   */
  readonly shared?: SharedRate;
}

/** The working rate of a budget shared by several instances, as others left it. */
export interface SharedRate {
  /** Recipients per second, for every instance together. */
  readonly rate: number;
  /** It was lowered (an instance was throttled): a congestion event for every instance. */
  readonly lowered: boolean;
}

/**
 * A token bucket counted in recipients, refilled at the working rate, holding one burst.
 * Callers take tokens in small batches (`min` for the message in hand, up to `max` to keep a
 * few locally), so a shared engine is asked once per batch, not once per recipient.
 */
export interface RateBudget {
  /**
   * Takes between `min` and `max` tokens, or none. A `min` larger than the burst is granted
   * when the bucket is full (the bucket goes into debt), so a large message is delayed by the
   * rate, never refused forever.
   */
  take(min: number, max: number, now: number): Promise<Grant>;
  /**
   * Gives back the room of tokens taken for sends SES has now answered (accepted or not): SES
   * has counted them. Until then they count as in flight, and the bucket keeps room for them.
   */
  landed(count: number, now: number): Promise<void>;
  /** Sets the refill rate in recipients per second (Infinity: no limit); the burst follows it. */
  setRate(rate: number, now: number): Promise<void>;
  /** Empties the bucket: after a throttle, SES's own bucket is empty too. */
  drain(now: number): Promise<void>;
}

/** The daily quota's state, in recipients. */
export interface QuotaUsage {
  /** The most recipients per rolling 24 hours; Infinity when the account has no daily limit. */
  readonly max: number;
  /** Recipients counted in the window now: sent, reserved for sends in flight, and sent by others. */
  readonly used: number;
  /** max - used, never below 0 (Infinity when unlimited). */
  readonly remaining: number;
}

/** The answer to a reservation. */
export type Reservation =
  | { readonly granted: true }
  | {
      readonly granted: false;
      /** When the window is expected to have room for the cost; undefined when unknown. */
      readonly freeAt: number | undefined;
    };

/**
 * The rolling 24-hour ledger of recipients sent, for SES's daily quota. A send reserves its
 * recipients before it goes, so concurrent workers never overshoot, and settles after.
 */
export interface QuotaLedger {
  /** Reserves `cost` recipients if the window has room for them. */
  reserve(cost: number, now: number): Promise<Reservation>;
  /** Settles a reservation: `counted` when SES accepted (or may have accepted) the send. */
  settle(cost: number, counted: boolean, now: number): Promise<void>;
  /**
   * Takes SES's own view (GetSendQuota): the limit, and SentLast24Hours. Recipients SES counts
   * beyond this ledger's (other senders on the account, or sends before this process started)
   * are kept as usage until the next sync.
   */
  sync(max24HourSend: number, sentLast24Hours: number, now: number): Promise<void>;
  /** SES answered "Daily message quota exceeded": count the window as full until the next sync. */
  markExhausted(now: number): Promise<void>;
  /** When `amount` recipients of room are expected (now, if there is room already). */
  freeAt(amount: number, now: number): Promise<number | undefined>;
  /** The state now. */
  usage(now: number): Promise<QuotaUsage>;
}
