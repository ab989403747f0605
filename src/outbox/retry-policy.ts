import type { SendFailure } from "../sender/outcome.ts";
import type { AttemptResult } from "../store/types.ts";

/** Bounds on retrying a message with transient errors. */
export interface RetryPolicy {
  /** Attempts before the message fails with its last error. */
  readonly maxAttempts: number;
  /** Age after which the message fails with its last error. */
  readonly maxAgeMs: number;
  /** First backoff ceiling; it doubles each attempt. */
  readonly baseDelayMs: number;
  /** Largest backoff. */
  readonly maxDelayMs: number;
  /** Delay before a throttled message is tried again. */
  readonly throttleDelayMs: number;
  /** Delay before a message held by quota or pause is looked at again. */
  readonly holdDelayMs: number;
}

/** Defaults for the parts not read from configuration. */
export const DEFAULT_BACKOFF = {
  baseDelayMs: 1000,
  maxDelayMs: 300_000,
  throttleDelayMs: 1000,
  holdDelayMs: 60_000,
};

/**
 * What an ambiguous failure means for the message: the request went out and no answer came,
 * so SES may have sent it. The policy is to retry (at least once delivery) and say so.
 */
export const AMBIGUOUS_NOTE =
  "SES may have accepted the message before the answer was lost; retried, so it may arrive twice";

/** Exponential backoff with full jitter: a random delay up to base * 2^(attempt-1), capped. */
export function backoffMs(
  policy: RetryPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Decides what a failed attempt means for the message. Throttles, quota and pauses are delays
 * that spend no attempt; permanent errors fail at once; transient ones back off until the
 * attempts or the age run out.
 */
export function decide(
  policy: RetryPolicy,
  failure: SendFailure,
  attempts: number,
  acceptedAt: number,
  now: number,
  random: () => number = Math.random,
): AttemptResult {
  const error = {
    code: failure.code,
    // Noted on the message, because the retry may deliver it a second time.
    message: failure.ambiguous ? `${failure.message}; ${AMBIGUOUS_NOTE}` : failure.message,
    permanent: failure.kind === "permanent",
  };
  switch (failure.kind) {
    case "permanent":
      return { kind: "failed", error, rejected: failure.rejected, at: now };
    case "throttled":
      return {
        kind: "retry",
        error,
        notBefore: now + policy.throttleDelayMs,
        countAttempt: false,
        at: now,
      };
    case "quota":
    case "paused":
      return {
        kind: "retry",
        error,
        notBefore: now + policy.holdDelayMs,
        countAttempt: false,
        at: now,
      };
    case "transient": {
      const notBefore = now + backoffMs(policy, attempts, random);
      if (attempts >= policy.maxAttempts || notBefore - acceptedAt > policy.maxAgeMs) {
        const reason =
          attempts >= policy.maxAttempts
            ? `gave up after ${attempts} attempts`
            : "gave up: the message is too old";
        return {
          kind: "failed",
          error: { ...error, message: `${reason}; last error: ${failure.message}` },
          rejected: false,
          at: now,
        };
      }
      return { kind: "retry", error, notBefore, countAttempt: true, at: now };
    }
  }
}
