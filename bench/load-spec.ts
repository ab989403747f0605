// What the load generator (bench/load.ts) is asked to do, and what it answers. Shared by the
// generator and the scenarios that spawn it.

import type { MailShape } from "./messages.ts";

/** The wire protocol of unary sends. */
export type UnaryProtocol = "grpc" | "connect-json";

/** Unary Send calls from `concurrency` callers, for a warm-up and then a measured span. */
export interface UnarySpec {
  readonly kind: "unary";
  readonly url: string;
  readonly protocol: UnaryProtocol;
  readonly concurrency: number;
  readonly warmupMs: number;
  readonly durationMs: number;
  readonly mail: MailShape;
}

/** SendBatch over `streams` concurrent streams, for a warm-up and then a measured span. */
export interface BatchSpec {
  readonly kind: "batch";
  readonly url: string;
  readonly streams: number;
  readonly warmupMs: number;
  readonly durationMs: number;
  readonly mail: MailShape;
}

/** Exactly `count` messages over `streams` SendBatch streams, as fast as they are taken. */
export interface FillSpec {
  readonly kind: "fill";
  readonly url: string;
  readonly streams: number;
  readonly count: number;
  readonly mail: MailShape;
}

/** Unary gRPC Send calls at a fixed rate, each with a token in its subject, for latency. */
export interface PacedSpec {
  readonly kind: "paced";
  readonly url: string;
  readonly perSecond: number;
  readonly durationMs: number;
  readonly mail: MailShape;
}

/** Any job of the load generator. */
export type LoadSpec = UnarySpec | BatchSpec | FillSpec | PacedSpec;

/** The outcome of a job. */
export interface LoadResult {
  /** Messages accepted within the measured span (all of them for fill and paced). */
  readonly completed: number;
  /** Messages accepted in all, warm-up and stragglers after the span included. */
  readonly total: number;
  /** Calls or items answered with an error. */
  readonly errors: number;
  /** The first error, for the report. */
  readonly firstError: string | undefined;
  /** Length of the measured span. */
  readonly seconds: number;
  readonly perSecond: number;
  /** Client-side latency of a call (unary) in the measured span, ms. */
  readonly p50Ms: number | undefined;
  readonly p99Ms: number | undefined;
  /** CPU the generator used during the job, as a fraction of one core. */
  readonly cpu: number;
  /** Paced only: the subject token of each call and when (Date.now()) it was made. */
  readonly sent?: readonly { readonly token: string; readonly at: number }[];
}

/** The subject token of paced call `i`. */
export function latencyToken(i: number): string {
  return `[lat-${i}]`;
}
