/**
 * What a failed send means for the message, following SES's error taxonomy:
 * - throttled: sending too fast; retry soon without spending an attempt, and slow down;
 * - quota: the 24-hour quota is used up; hold everything until the window frees;
 * - paused: the account's sending is paused; stop, keep everything queued, probe now and then;
 * - permanent: this message can never be sent; fail it with the reason;
 * - transient: network error, timeout or 5xx; retry with backoff, bounded by attempts and age.
 */
export type FailureKind = "throttled" | "quota" | "paused" | "permanent" | "transient";

/** A classified failure of one send. */
export interface SendFailure {
  readonly kind: FailureKind;
  /** SES's error code or one of ours ("Timeout", "NetworkError", ...). */
  readonly code: string;
  /** The reason in words, as SES gave it where it came from SES. */
  readonly message: string;
  /** True for SES refusing the message itself (MessageRejected and the like). */
  readonly rejected: boolean;
  /**
   * True when the request may have reached SES and been accepted although no answer came
   * (a timeout or a lost connection after the request went out): a retry may send it twice.
   */
  readonly ambiguous?: boolean;
}
