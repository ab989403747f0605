// What the fake remembers of each send call, and helpers over those records for tests:
// duplicates, and the busiest sliding window.

export type Outcome =
  /** Accepted: SES would send it. Counts against rate and quota. */
  | "delivered"
  /** Throttling "Maximum sending rate exceeded." */
  | "throttled"
  /** Throttling "Daily message quota exceeded." */
  | "quota-exceeded"
  /** Account sending paused. */
  | "paused"
  /** MessageRejected (not verified, a configured address, or an injected rejection). */
  | "rejected"
  /** A bad request (ValidationError / InvalidParameterValue). */
  | "invalid"
  /** An injected failure that did not deliver (status, error, slow or reset without delivery). */
  | "fault";

export interface ReceivedRecord {
  /** 1, 2, 3, ... in arrival order. */
  seq: number;
  action: "SendEmail" | "SendRawEmail";
  outcome: Outcome;
  /** The SES error code answered, when not delivered. */
  errorCode: string | undefined;
  /** The injected fault kind that applied, if any. A delivered record with fault "slow" or
   * "reset" is the ambiguous case: SES accepted the message but the client may not know. */
  fault: string | undefined;
  /** SES's MessageId (delivered only). */
  messageId: string | undefined;
  requestId: string;
  /** Source parameter (SendRawEmail: Source, else the From header's address). */
  source: string | undefined;
  /** Recipients as SES counts them: Destination To+Cc+Bcc, or SendRawEmail Destinations,
   * or (no Destinations) the raw message's To/Cc/Bcc. */
  destinations: string[];
  recipients: number;
  subject: string | undefined;
  /** The raw message's Message-ID header, when there is one. */
  headerMessageId: string | undefined;
  /** Raw MIME (SendRawEmail, while `keepRaw`). */
  raw: string | undefined;
  /** SendEmail bodies. */
  text: string | undefined;
  html: string | undefined;
  /** The fake clock (ms) when the call arrived. */
  time: number;
}

export type RecordKey = (record: ReceivedRecord) => string | undefined;

/** Default identity of a message for duplicate detection: its Message-ID header, else its subject. */
export const defaultKey: RecordKey = (r) => r.headerMessageId ?? r.subject;

export function countsBy(
  records: readonly ReceivedRecord[],
  key: RecordKey = defaultKey,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const record of records) {
    const k = key(record);
    if (k !== undefined) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

export function duplicates(
  records: readonly ReceivedRecord[],
  key: RecordKey = defaultKey,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, n] of countsBy(records, key)) if (n > 1) out.set(k, n);
  return out;
}

/** The most recipients in any window of `ms` (inclusive of start, exclusive of start + ms). */
export function busiestWindow(records: readonly ReceivedRecord[], ms = 1000): number {
  let sorted = records;
  for (let i = 1; i < records.length; i++) {
    if ((records[i]?.time ?? 0) < (records[i - 1]?.time ?? 0)) {
      sorted = [...records].sort((a, b) => a.time - b.time);
      break;
    }
  }
  let best = 0;
  let sum = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    const last = sorted[end];
    if (last === undefined) break;
    sum += last.recipients;
    for (;;) {
      const first = sorted[start];
      if (first === undefined || first.time > last.time - ms) break;
      sum -= first.recipients;
      start++;
    }
    if (sum > best) best = sum;
  }
  return best;
}
