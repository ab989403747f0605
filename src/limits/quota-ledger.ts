import type { QuotaLedger, QuotaUsage, Reservation } from "./types.ts";

/** The length of SES's rolling quota window. */
export const DAY_MS = 24 * 3_600_000;

/**
 * Sends are counted per second (stamped at the end of their second, so they leave the window
 * no earlier than they should): at most 86,400 entries a day, whatever the rate.
 */
const SLOT_MS = 1000;

/**
 * The in-process QuotaLedger. Accepted sends are kept as (second, recipients) in time order;
 * they leave the window 24 hours later. Recipients SES reports beyond them are kept as one
 * "external" amount, replaced at each sync, because SES does not say when they were sent.
 */
export function createLocalQuotaLedger(): QuotaLedger {
  let max = Number.POSITIVE_INFINITY;
  const times: number[] = [];
  const counts: number[] = [];
  let head = 0;
  let windowSum = 0;
  let pending = 0;
  let external = 0;

  const expire = (now: number) => {
    const cutoff = now - DAY_MS;
    while (head < times.length && (times[head] as number) <= cutoff) {
      windowSum -= counts[head] as number;
      head += 1;
    }
    if (head > 1024 && head * 2 > times.length) {
      times.splice(0, head);
      counts.splice(0, head);
      head = 0;
    }
  };
  const used = (now: number) => {
    expire(now);
    return windowSum + pending + external;
  };
  const freeAt = (amount: number, now: number): number | undefined => {
    const need = used(now) + amount - max;
    if (need <= 0) return now;
    let freed = 0;
    for (let i = head; i < times.length; i++) {
      freed += counts[i] as number;
      if (freed >= need) return (times[i] as number) + DAY_MS;
    }
    return undefined;
  };

  return {
    async reserve(cost, now): Promise<Reservation> {
      const inUse = used(now);
      // A message larger than the whole quota may go into an empty window, or it never could.
      if (inUse + cost <= max || inUse === 0) {
        pending += cost;
        return { granted: true };
      }
      return { granted: false, freeAt: freeAt(cost, now) };
    },
    async settle(cost, counted, now) {
      pending = Math.max(0, pending - cost);
      if (!counted) return;
      expire(now);
      const slot = Math.ceil(now / SLOT_MS) * SLOT_MS;
      const last = times.length - 1;
      if (last >= head && (times[last] as number) >= slot) {
        counts[last] = (counts[last] as number) + cost;
      } else {
        times.push(slot);
        counts.push(cost);
      }
      windowSum += cost;
    },
    async sync(max24HourSend, sentLast24Hours, now) {
      max = max24HourSend < 0 ? Number.POSITIVE_INFINITY : max24HourSend;
      expire(now);
      external = Math.max(0, sentLast24Hours - windowSum);
    },
    async markExhausted(now) {
      expire(now);
      if (Number.isFinite(max)) external = Math.max(external, max - windowSum);
    },
    async freeAt(amount, now) {
      return freeAt(amount, now);
    },
    async usage(now): Promise<QuotaUsage> {
      const inUse = used(now);
      return { max, used: inUse, remaining: Math.max(0, max - inUse) };
    },
  };
}
