import type { SendFailure } from "../../src/sender/outcome.ts";
import type { OutboundMail, Sender } from "../../src/sender/types.ts";
import { sleep } from "../../src/util/sleep.ts";

/** A sender for tests: records every message and can be told to fail or be slow. */
export interface CaptureSender extends Sender {
  readonly sent: OutboundMail[];
  /** Delay of each send, in ms. */
  latencyMs: number;
  /** Decides per message whether to throw; undefined sends normally. */
  failWith: ((mail: OutboundMail) => SendFailure | undefined) | undefined;
}

/** Thrown by the capture sender to carry a classified failure. */
export class CapturedFailure extends Error {
  readonly failure: SendFailure;
  constructor(failure: SendFailure) {
    super(failure.message);
    this.failure = failure;
  }
}

/** Creates a capture sender. */
export function createCaptureSender(): CaptureSender {
  let n = 0;
  const sender: CaptureSender = {
    name: "capture",
    target: "memory",
    sent: [],
    latencyMs: 0,
    failWith: undefined,
    async send(mail, signal) {
      if (sender.latencyMs > 0) await sleep(sender.latencyMs, signal);
      const failure = sender.failWith?.(mail);
      if (failure) throw new CapturedFailure(failure);
      sender.sent.push(mail);
      n += 1;
      return { sesMessageId: `capture-${n}` };
    },
    classify(thrown) {
      if (thrown instanceof CapturedFailure) return thrown.failure;
      return { kind: "transient", code: "Error", message: String(thrown), rejected: false };
    },
    async close() {},
  };
  return sender;
}
