// The fake's knobs. Every one can be changed while it runs (`fake.configure(patch)`, or
// `POST /_fake/config` with the JSON form).

import type { CallInfo } from "./faults.ts";

/** Delay before a send is answered: fixed ms, uniform in [min, max], or computed per call. */
export type Latency = number | { min: number; max: number } | ((call: CallInfo) => number);

export interface FakeSesConfig {
  /** Delay before each send (SendEmail / SendRawEmail) is answered. Default 0. */
  latency: Latency;
  /** Enforced rate in recipients per second, burst of one second's worth. 0 = unlimited. */
  rate: number;
  /** Enforced daily quota: recipients in a rolling 24 h, seed included. 0 = unlimited. */
  dailyLimit: number;
  /** GetSendQuota's Max24HourSend; undefined = `dailyLimit`, or 50000 when that is unlimited. */
  max24HourSend: number | undefined;
  /** GetSendQuota's MaxSendRate; undefined = `rate`, or 14 when that is unlimited. */
  maxSendRate: number | undefined;
  /** Account sending paused: every send is refused until un-paused. */
  paused: boolean;
  /** How a paused account answers: the modelled exception, or MessageRejected as seen in the wild. */
  pausedAs: "AccountSendingPausedException" | "MessageRejected";
  /** Sender or recipient addresses refused with MessageRejected "Email address is not verified". */
  rejectAddresses: string[];
  /** Sandbox rule: the sender and every recipient must be verified (the address or its domain). */
  sandbox: boolean;
  /** VerifyEmailIdentity / VerifyDomainIdentity make the identity Success at once, else Pending. */
  autoVerify: boolean;
  /** Region named in messages (upper-cased, as SES does). */
  region: string;
  /** Keep the raw MIME of SendRawEmail calls in `received`. */
  keepRaw: boolean;
}

export interface FakeSesConfigPatch extends Partial<FakeSesConfig> {
  /** Reseeds SentLast24Hours: sent "just now" before the fake started; leaves the window 24 h later. */
  sentLast24Hours?: number;
}

export const DEFAULT_CONFIG: FakeSesConfig = {
  latency: 0,
  rate: 0,
  dailyLimit: 0,
  max24HourSend: undefined,
  maxSendRate: undefined,
  paused: false,
  pausedAs: "AccountSendingPausedException",
  rejectAddresses: [],
  sandbox: false,
  autoVerify: true,
  region: "us-east-1",
  keepRaw: true,
};

export function latencyFor(latency: Latency, call: CallInfo, random: () => number): number {
  if (typeof latency === "number") return latency;
  if (typeof latency === "function") return latency(call);
  return latency.min + random() * (latency.max - latency.min);
}

/** Parses "20" or "10-50" (CLI form of `latency`). */
export function parseLatency(text: string): Latency {
  const range = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(text);
  if (range) return { min: Number(range[1]), max: Number(range[2]) };
  const ms = Number(text);
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`bad latency: ${text}`);
  return ms;
}
