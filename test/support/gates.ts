import type { SendGate } from "../../src/outbox/send-gate.ts";

/** A gate that never opens: accepted messages stay queued until the app stops. */
export function closedGate(): SendGate {
  return {
    acquire: (_cost, signal) =>
      new Promise<boolean>((resolve) => {
        if (signal.aborted) resolve(false);
        signal.addEventListener("abort", () => resolve(false), { once: true });
      }),
    report() {},
    hold: () => ({ reason: "closed for the test", until: undefined }),
  };
}
