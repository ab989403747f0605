// The simulated SES account: its knobs, clock, rate bucket, 24-hour window, identities,
// statistics, and the record of every send call. `decide` is SES's verdict on one send.

import { randomUUID } from "node:crypto";
import { DEFAULT_CONFIG, type FakeSesConfig, type FakeSesConfigPatch } from "./config.ts";
import {
  accountPaused,
  accountPausedAsRejected,
  dailyQuotaExceeded,
  notVerified,
  rateExceeded,
  type SesError,
} from "./errors.ts";
import { FaultInjector } from "./faults.ts";
import { Identities } from "./identities.ts";
import { TokenBucket } from "./rate.ts";
import type { Outcome, ReceivedRecord } from "./records.ts";
import { SendStatistics } from "./statistics.ts";
import { RollingWindow } from "./window.ts";

export interface SendCall {
  action: "SendEmail" | "SendRawEmail";
  source: string | undefined;
  destinations: string[];
  subject: string | undefined;
  headerMessageId: string | undefined;
  raw: string | undefined;
  text: string | undefined;
  html: string | undefined;
}

export interface FakeSesStats {
  /** Calls by action (all actions, including failed ones). */
  calls: Record<string, number>;
  sends: number;
  delivered: number;
  recipientsDelivered: number;
  /** Throttling answers: rate + daily. */
  throttles: number;
  rateThrottles: number;
  dailyThrottles: number;
  paused: number;
  rejected: number;
  invalid: number;
  /** Injected faults fired, by kind. */
  faults: Record<string, number>;
  sentLast24Hours: number;
  now: number;
}

function counter(): Record<string, number> {
  return Object.create(null) as Record<string, number>;
}

/** SES-style message id: `0100` + 12 hex digits of time + `-` + uuid + `-000000`. */
export function newMessageId(now: number): string {
  return `0100${Math.floor(now).toString(16).padStart(12, "0")}-${randomUUID()}-000000`;
}

export class SesAccount {
  config: FakeSesConfig;
  readonly identities = new Identities();
  readonly faults: FaultInjector;
  readonly statistics = new SendStatistics();
  received: ReceivedRecord[] = [];
  delivered: ReceivedRecord[] = [];
  calls = counter();
  counts = { rateThrottles: 0, dailyThrottles: 0, paused: 0, rejected: 0, invalid: 0 };
  readonly random: () => number;
  readonly #baseNow: () => number;
  #offset = 0;
  readonly #bucket: TokenBucket;
  readonly #window = new RollingWindow();
  #rejectSet = new Set<string>();
  #seq = 0;
  #recipientsDelivered = 0;

  constructor(
    patch: FakeSesConfigPatch,
    now: () => number = Date.now,
    random: () => number = Math.random,
  ) {
    this.#baseNow = now;
    this.random = random;
    this.faults = new FaultInjector(random);
    this.config = { ...DEFAULT_CONFIG };
    this.#bucket = new TokenBucket(0, this.now());
    this.configure(patch);
  }

  /** The fake clock: the injected `now()` plus any `advance`. */
  now(): number {
    return this.#baseNow() + this.#offset;
  }

  advance(ms: number): void {
    this.#offset += ms;
  }

  configure(patch: FakeSesConfigPatch): void {
    const { sentLast24Hours, ...rest } = patch;
    const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
    const rateChanged = rest.rate !== undefined && rest.rate !== this.config.rate;
    this.config = { ...this.config, ...defined };
    // max24HourSend / maxSendRate may be reset to "follow the enforced value" with null in JSON.
    if ("max24HourSend" in patch && patch.max24HourSend == null)
      this.config.max24HourSend = undefined;
    if ("maxSendRate" in patch && patch.maxSendRate == null) this.config.maxSendRate = undefined;
    if (rateChanged) this.#bucket.setRate(this.config.rate, this.now());
    this.#rejectSet = new Set(this.config.rejectAddresses.map((a) => a.toLowerCase()));
    if (sentLast24Hours !== undefined) this.#window.seed(sentLast24Hours, this.now());
  }

  sentLast24Hours(): number {
    return this.#window.total(this.now());
  }

  quota(): { max24HourSend: number; maxSendRate: number; sentLast24Hours: number } {
    const c = this.config;
    return {
      max24HourSend: c.max24HourSend ?? (c.dailyLimit > 0 ? c.dailyLimit : 50000),
      maxSendRate: c.maxSendRate ?? (c.rate > 0 ? c.rate : 14),
      sentLast24Hours: this.sentLast24Hours(),
    };
  }

  /** Addresses among the sender and recipients that SES would refuse as not verified. */
  #unverified(call: SendCall): string[] {
    const addresses =
      call.source === undefined ? call.destinations : [call.source, ...call.destinations];
    const out: string[] = [];
    for (const address of addresses) {
      if (this.#rejectSet.has(address.toLowerCase())) out.push(address);
      else if (this.config.sandbox && !this.identities.isVerified(address)) out.push(address);
    }
    return out;
  }

  /** SES's verdict on a valid send: an error, or undefined when accepted. Counts throttles. */
  decide(call: SendCall, now: number): { outcome: Outcome; error: SesError | undefined } {
    const unverified = this.#unverified(call);
    if (unverified.length > 0) {
      return { outcome: "rejected", error: notVerified(unverified, this.config.region) };
    }
    if (this.config.paused) {
      const error =
        this.config.pausedAs === "MessageRejected" ? accountPausedAsRejected() : accountPaused();
      return { outcome: "paused", error };
    }
    const n = call.destinations.length;
    if (this.config.dailyLimit > 0 && this.#window.total(now) + n > this.config.dailyLimit) {
      return { outcome: "quota-exceeded", error: dailyQuotaExceeded() };
    }
    if (!this.#bucket.take(n, now)) return { outcome: "throttled", error: rateExceeded() };
    return { outcome: "delivered", error: undefined };
  }

  /** Records a send call with its outcome; delivered ones count toward quota and statistics. */
  record(
    call: SendCall,
    outcome: Outcome,
    requestId: string,
    now: number,
    errorCode: string | undefined,
    fault: string | undefined,
  ): ReceivedRecord {
    const delivered = outcome === "delivered";
    const record: ReceivedRecord = {
      seq: ++this.#seq,
      action: call.action,
      outcome,
      errorCode,
      fault,
      messageId: delivered ? newMessageId(now) : undefined,
      requestId,
      source: call.source,
      destinations: call.destinations,
      recipients: call.destinations.length,
      subject: call.subject,
      headerMessageId: call.headerMessageId,
      raw: this.config.keepRaw ? call.raw : undefined,
      text: call.text,
      html: call.html,
      time: now,
    };
    this.received.push(record);
    switch (outcome) {
      case "delivered":
        this.delivered.push(record);
        this.#window.add(record.recipients, now);
        this.statistics.delivered(record.recipients, now);
        this.#recipientsDelivered += record.recipients;
        break;
      case "throttled":
        this.counts.rateThrottles++;
        break;
      case "quota-exceeded":
        this.counts.dailyThrottles++;
        break;
      case "paused":
        this.counts.paused++;
        break;
      case "rejected":
        this.counts.rejected++;
        this.statistics.rejected(now);
        break;
      case "invalid":
        this.counts.invalid++;
        break;
      case "fault":
        break;
    }
    return record;
  }

  get throttles(): number {
    return this.counts.rateThrottles + this.counts.dailyThrottles;
  }

  stats(): FakeSesStats {
    return {
      calls: { ...this.calls },
      sends: this.received.length,
      delivered: this.delivered.length,
      recipientsDelivered: this.#recipientsDelivered,
      throttles: this.throttles,
      rateThrottles: this.counts.rateThrottles,
      dailyThrottles: this.counts.dailyThrottles,
      paused: this.counts.paused,
      rejected: this.counts.rejected,
      invalid: this.counts.invalid,
      faults: Object.fromEntries(this.faults.fired),
      sentLast24Hours: this.sentLast24Hours(),
      now: this.now(),
    };
  }

  /** Forgets records, counters, statistics and the 24-hour window; keeps knobs, identities, faults. */
  reset(): void {
    this.received = [];
    this.delivered = [];
    this.calls = counter();
    this.counts = { rateThrottles: 0, dailyThrottles: 0, paused: 0, rejected: 0, invalid: 0 };
    this.faults.fired.clear();
    this.statistics.clear();
    this.#window.clear();
    this.#bucket.setRate(this.config.rate, this.now());
    this.#recipientsDelivered = 0;
  }
}
