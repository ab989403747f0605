import type { DataPoint } from "../account/types.ts";

const BUCKET_MS = 15 * 60_000;
const KEEP_MS = 14 * 24 * 3_600_000;
const DAY_MS = 24 * 3_600_000;

/** This process's sending activity in 15-minute buckets over two weeks, as SES reports its own. */
export interface SendStatistics {
  /** Counts one attempt's outcome: `recipients` delivered, or one message rejected. */
  record(outcome: "delivered" | "rejected", recipients: number, now: number): void;
  /** Recipients delivered in the last 24 hours (to the bucket). */
  sentLast24Hours(now: number): number;
  /** The buckets, oldest first. */
  dataPoints(now: number): DataPoint[];
}

/** Creates an empty SendStatistics. */
export function createSendStatistics(): SendStatistics {
  const buckets = new Map<number, { attempts: number; recipients: number; rejects: number }>();
  const prune = (now: number) => {
    for (const start of buckets.keys()) if (start < now - KEEP_MS) buckets.delete(start);
  };
  return {
    record(outcome, recipients, now) {
      const start = now - (now % BUCKET_MS);
      let b = buckets.get(start);
      if (!b) {
        prune(now);
        b = { attempts: 0, recipients: 0, rejects: 0 };
        buckets.set(start, b);
      }
      b.attempts += 1;
      if (outcome === "delivered") b.recipients += recipients;
      else b.rejects += 1;
    },
    sentLast24Hours(now) {
      let sum = 0;
      for (const [start, b] of buckets) if (start > now - DAY_MS) sum += b.recipients;
      return sum;
    },
    dataPoints(now) {
      prune(now);
      return [...buckets.entries()]
        .sort(([a], [b]) => a - b)
        .map(([timestamp, b]) => ({
          timestamp,
          deliveryAttempts: b.attempts,
          bounces: 0,
          complaints: 0,
          rejects: b.rejects,
        }));
    },
  };
}
