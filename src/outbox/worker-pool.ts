import { fromBinary } from "@bufbuild/protobuf";
import { SendRequestSchema } from "../../gen/ts/asyncses/v1/mail_pb.js";
import type { Logger } from "../logger.ts";
import type { SendFailure } from "../sender/outcome.ts";
import type { Sender } from "../sender/types.ts";
import type { ClaimedMessage, Store } from "../store/types.ts";
import { coerceError } from "../util/errors.ts";
import type { Channel } from "./channel.ts";
import type { RateMeter } from "./rate-meter.ts";
import { decide, type RetryPolicy } from "./retry-policy.ts";
import type { GatePass, SendGate, SendOutcome } from "./send-gate.ts";
import type { SendStatistics } from "./send-statistics.ts";

/** What the worker pool needs. */
export interface WorkerPoolDeps {
  readonly count: number;
  readonly channel: Channel<ClaimedMessage>;
  readonly store: Store;
  readonly sender: Sender;
  readonly gate: SendGate;
  readonly policy: RetryPolicy;
  readonly meter: RateMeter;
  readonly stats: SendStatistics;
  readonly now: () => number;
  readonly logger: Logger;
  /** Called after each message's attempt is recorded, so waiting producers can look for room. */
  readonly onSettled: () => void;
}

/** N workers, each taking one message at a time from the channel and sending it. */
export interface WorkerPool {
  /** Workers busy with a message now. */
  readonly busy: number;
  /** Starts the workers. */
  start(): void;
  /**
   * Stops: the workers finish the message in hand (up to `timeoutMs`, then its SES call is
   * aborted and the message released), and messages not yet started go back to the queue.
   */
  stop(timeoutMs: number): Promise<void>;
}

/** Creates the worker pool. */
export function createWorkerPool(deps: WorkerPoolDeps): WorkerPool {
  const { channel, store, sender, gate, policy, logger } = deps;
  // SES calls in flight are aborted only after the drain timeout; waits at the gate at once.
  const abort = new AbortController();
  const stopping = new AbortController();
  let busy = 0;
  let running: Promise<void>[] = [];

  const sendOne = async (msg: ClaimedMessage): Promise<void> => {
    const started = deps.now();
    const request = fromBinary(SendRequestSchema, msg.payload);
    const cost = msg.recipientCount;
    const admission = await gate.acquire(cost, stopping.signal);
    if (admission.kind === "aborted") {
      await store.release([msg.id]);
      return;
    }
    if (admission.kind === "later") {
      // Held or paced: back to the queue, no attempt spent, with the reason on the message.
      const now = deps.now();
      await store.finish(msg.id, {
        kind: "retry",
        error: { code: admission.code, message: admission.reason, permanent: false },
        notBefore: Math.max(admission.until, now + 1),
        countAttempt: false,
        at: now,
      });
      logger.debug(
        { id: msg.id, code: admission.code, until: new Date(admission.until).toISOString() },
        "message held back by the sending limits",
      );
      return;
    }
    const { pass } = admission;
    let sesMessageId: string;
    try {
      ({ sesMessageId } = await sender.send({ id: msg.id, request }, abort.signal));
    } catch (thrown) {
      const failure: SendFailure = abort.signal.aborted
        ? {
            kind: "transient",
            code: "Shutdown",
            message: "the server shut down during the SES call",
            rejected: false,
            ambiguous: true,
          }
        : sender.classify(thrown);
      const now = deps.now();
      // The gate hears of a throttle, a pause or the quota first, so the hold it starts
      // decides when this message is looked at again.
      await reportSafely(pass, failure, now);
      let result = decide(policy, failure, msg.attempts, msg.acceptedAt, now);
      if (result.kind === "retry" && (failure.kind === "quota" || failure.kind === "paused")) {
        const until = (await gate.hold(now))?.until;
        if (until !== undefined) result = { ...result, notBefore: Math.max(now + 1, until) };
      }
      await store.finish(msg.id, result);
      if (failure.rejected) deps.stats.record("rejected", cost, now);
      const log = {
        id: msg.id,
        attempt: msg.attempts,
        kind: failure.kind,
        code: failure.code,
        reason: failure.message,
      };
      if (result.kind !== "retry") logger.warn(log, "message failed for good");
      else if (failure.ambiguous)
        logger.warn(
          { ...log, retryInMs: result.notBefore - now },
          "SES may have accepted this message before its answer was lost; it will be retried and may arrive twice",
        );
      else if (failure.kind === "transient")
        logger.info({ ...log, retryInMs: result.notBefore - now }, "send failed; will retry");
      else
        logger.debug(log, "send held back by SES; back in the queue without spending an attempt");
      return;
    }
    // SES accepted the message: record that before anything else.
    const now = deps.now();
    try {
      await store.finish(msg.id, { kind: "sent", sesMessageId, at: now });
    } finally {
      await reportSafely(pass, { kind: "sent" }, now);
    }
    deps.meter.add(cost, now);
    deps.stats.record("delivered", cost, now);
    logger.info(
      {
        id: msg.id,
        sesMessageId,
        recipients: cost,
        attempt: msg.attempts,
        latencyMs: now - started,
      },
      "delivered",
    );
  };

  const reportSafely = async (pass: GatePass, outcome: SendOutcome, now: number) => {
    try {
      await pass.report(outcome, now);
    } catch (thrown) {
      logger.error(
        { err: coerceError(thrown) },
        "the send limiter could not take a send's outcome",
      );
    }
  };

  const work = async (): Promise<void> => {
    for (;;) {
      const msg = await channel.take();
      if (msg === undefined) return;
      busy += 1;
      try {
        await sendOne(msg);
      } catch (thrown) {
        // The store itself failed; the lease will expire and the message will be tried again.
        logger.error(
          { err: coerceError(thrown), id: msg.id },
          "could not record a send's outcome; the message's lease will expire and it will be retried",
        );
      } finally {
        busy -= 1;
        deps.onSettled();
      }
    }
  };

  return {
    get busy() {
      return busy;
    },
    start() {
      running = Array.from({ length: deps.count }, () => work());
    },
    async stop(timeoutMs) {
      channel.close();
      stopping.abort();
      const pending = channel.drain();
      if (pending.length > 0) await store.release(pending.map((m) => m.id));
      const all = Promise.all(running);
      const timer = setTimeout(() => abort.abort(), timeoutMs);
      await all;
      clearTimeout(timer);
    },
  };
}
