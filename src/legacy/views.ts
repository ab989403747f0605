import type { DataPoint, IdentityInfo, Quota } from "../account/types.ts";
import type { StatusInfo } from "../outbox/status.ts";

/**
 * /status: the original's five keys with their original types (four strings, outbox a
 * number), then the rest of the status as numbers under new names.
 */
export function statusView(st: StatusInfo, refused: number): Record<string, unknown> {
  const accepted = st.queued + st.sending + st.sent + st.failed + st.cancelled;
  return {
    sent: String(st.sent),
    error: String(st.failed),
    queued: String(accepted),
    rejected: String(refused),
    outbox: st.outbox,
    waiting: st.queued,
    sending: st.sending,
    failed: st.failed,
    ses_rejected: st.rejected,
    cancelled: st.cancelled,
    retry_waiting: st.retryWaiting,
    capacity: st.capacity,
    workers: st.workers,
    busy_workers: st.busyWorkers,
    send_rate: st.sendRate,
    uptime_seconds: Math.floor(st.uptimeMs / 1000),
    sender: st.sender,
    store: st.store,
  };
}

/** /quota: the original's hyphenated keys, as numbers. */
export function quotaView(q: Quota): Record<string, number> {
  return {
    "max-24h-send": q.max24HourSend,
    "sent-last-24h": q.sentLast24Hours,
    "max-send-rate": q.maxSendRate,
  };
}

/** SES's own timestamp form: ISO 8601 in UTC without milliseconds. */
const sesTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** /statistics: SES's data points as the original passed them on, values as strings. */
export function statisticsView(points: readonly DataPoint[]): Record<string, string>[] {
  return points.map((p) => ({
    Timestamp: sesTime(p.timestamp),
    DeliveryAttempts: String(p.deliveryAttempts),
    Bounces: String(p.bounces),
    Complaints: String(p.complaints),
    Rejects: String(p.rejects),
  }));
}

/** /verify: the verified email addresses, as a bare array. */
export function verifiedView(identities: readonly IdentityInfo[]): string[] {
  return identities
    .filter((i) => i.type === "email" && i.status === "Success")
    .map((i) => i.identity);
}
