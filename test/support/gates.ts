import { createOpenGate, type SendGate } from "../../src/outbox/send-gate.ts";

/** A gate that never opens: accepted messages stay queued until the app stops. */
export function closedGate(): SendGate {
  const open = createOpenGate();
  return {
    ...open,
    acquire: (_cost, signal) =>
      new Promise((resolve) => {
        if (signal.aborted) resolve({ kind: "aborted" });
        signal.addEventListener("abort", () => resolve({ kind: "aborted" }), { once: true });
      }),
  };
}
