import type { Envelope, MessageRecord, MessageState } from "./types.ts";

/**
 * A row of the SQL engines' messages table, as their drivers return it: node:sqlite gives
 * numbers for integers and booleans, node-postgres gives strings for bigints and real booleans.
 */
export type RecordRow = Readonly<Record<string, unknown>>;

const num = (v: unknown): number => Number(v);
const optNum = (v: unknown): number | undefined =>
  v === null || v === undefined ? undefined : Number(v);
const str = (v: unknown): string => (v === null || v === undefined ? "" : String(v));
/** A boolean column: true, or a non-zero integer. */
const flag = (v: unknown): boolean => v === true || (v !== null && v !== false && Number(v) !== 0);

/** The envelope as stored: compact JSON, read back by recordFromRow. */
export function envelopeToJson(e: Envelope): string {
  return JSON.stringify({
    from: e.from,
    to: e.to,
    cc: e.cc,
    bcc: e.bcc,
    subject: e.subject,
    configurationSet: e.configurationSet,
    tags: e.tags,
  });
}

function envelopeFromJson(text: string): Envelope {
  const e = JSON.parse(text) as Partial<Envelope>;
  return {
    from: e.from ?? "",
    to: e.to ?? [],
    cc: e.cc ?? [],
    bcc: e.bcc ?? [],
    subject: e.subject ?? "",
    configurationSet: e.configurationSet ?? "",
    tags: e.tags ?? [],
  };
}

/** A row selected with the engines' record columns, as the store's record. */
export function recordFromRow(row: RecordRow): MessageRecord {
  const state = row.state as MessageState;
  return {
    id: str(row.id),
    state,
    envelope: envelopeFromJson(str(row.envelope)),
    recipientCount: num(row.recipient_count),
    attempts: num(row.attempts),
    sesMessageId: str(row.ses_message_id),
    lastError:
      row.error_code === null || row.error_code === undefined
        ? undefined
        : {
            code: str(row.error_code),
            message: str(row.error_message),
            permanent: flag(row.error_permanent),
          },
    rejected: flag(row.rejected),
    idempotencyKey: str(row.idempotency_key),
    acceptedAt: num(row.accepted_at),
    lastAttemptAt: optNum(row.last_attempt_at),
    nextAttemptAt: state === "queued" ? optNum(row.next_attempt_at) : undefined,
    sentAt: optNum(row.sent_at),
    finishedAt: optNum(row.finished_at),
  };
}
