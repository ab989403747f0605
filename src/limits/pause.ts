/** What the pause lets a send do. */
export type PauseAdmission =
  | { readonly kind: "go"; readonly probe: boolean }
  | { readonly kind: "hold"; readonly until: number };

/**
 * The account-paused state. When SES answers that the account's sending is paused, everything
 * stops; every `probeEveryMs` one message is let through as a probe. When SES answers a probe
 * any other way than "paused", sending resumes by itself.
 */
export interface Pause {
  readonly paused: boolean;
  /** SES's words, while paused. */
  readonly reason: string;
  /** When the next probe may go, while paused. */
  readonly nextProbeAt: number | undefined;
  /** Whether a send may go now, and whether it is the probe (which it then becomes). */
  admit(now: number): PauseAdmission;
  /** What `admit` would answer now, without taking the probe. */
  peek(now: number): PauseAdmission;
  /** SES answered "paused". Returns true when this starts a pause. */
  onPaused(reason: string, probe: boolean, now: number): boolean;
  /** SES answered a send otherwise. Returns true when this ends a pause. */
  onAnswered(probe: boolean, conclusive: boolean, now: number): boolean;
}

/** How long held messages wait while a probe is out: its answer comes within a request timeout. */
const PROBE_OUT_RECHECK_MS = 1000;

/** Creates the pause state, not paused. */
export function createPause(probeEveryMs: number): Pause {
  let paused = false;
  let reason = "";
  let nextProbeAt = 0;
  let probeOutSince: number | undefined;

  const peek = (now: number): PauseAdmission => {
    if (!paused) return { kind: "go", probe: false };
    // A probe that never reported (its worker died) does not block probing for ever.
    if (probeOutSince !== undefined && now - probeOutSince > probeEveryMs) {
      probeOutSince = undefined;
    }
    if (probeOutSince === undefined && now >= nextProbeAt) return { kind: "go", probe: true };
    return {
      kind: "hold",
      until: probeOutSince === undefined ? nextProbeAt : now + PROBE_OUT_RECHECK_MS,
    };
  };

  return {
    get paused() {
      return paused;
    },
    get reason() {
      return reason;
    },
    get nextProbeAt() {
      return paused ? nextProbeAt : undefined;
    },
    admit(now) {
      const a = peek(now);
      if (a.kind === "go" && a.probe) probeOutSince = now;
      return a;
    },
    peek,
    onPaused(why, probe, now) {
      if (probe) probeOutSince = undefined;
      reason = why;
      if (paused) {
        if (probe) nextProbeAt = now + probeEveryMs;
        return false;
      }
      paused = true;
      nextProbeAt = now + probeEveryMs;
      return true;
    },
    onAnswered(probe, conclusive, now) {
      if (!paused || !probe) return false;
      probeOutSince = undefined;
      if (!conclusive) {
        nextProbeAt = now + probeEveryMs;
        return false;
      }
      paused = false;
      reason = "";
      return true;
    },
  };
}
