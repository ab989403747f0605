import type { Envelope, MessageRecord, MessageState } from "../types.ts";

/** A row as node-postgres returns it: bigint and numeric columns come as strings. */
export type Row = Record<string, unknown>;

/** Columns a MessageRecord is read from. */
export const RECORD = `id, state, idempotency_key, envelope, recipient_count, attempts,
  ses_message_id, error_code, error_message, error_permanent, rejected, accepted_at,
  last_attempt_at, next_attempt_at, sent_at, finished_at`;

const num = (v: unknown): number => Number(v);
const optNum = (v: unknown): number | undefined =>
  v === null || v === undefined ? undefined : Number(v);
const str = (v: unknown): string => (v === null || v === undefined ? "" : String(v));

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

/** A row selected with the RECORD columns, as the store's record. */
export function recordFromRow(row: Row): MessageRecord {
  const state = row.state as MessageState;
  return {
    id: str(row.id),
    state,
    envelope: envelopeFromJson(str(row.envelope)),
    recipientCount: num(row.recipient_count),
    attempts: num(row.attempts),
    sesMessageId: str(row.ses_message_id),
    lastError:
      row.error_code === null
        ? undefined
        : {
            code: str(row.error_code),
            message: str(row.error_message),
            permanent: row.error_permanent === true,
          },
    rejected: row.rejected === true,
    idempotencyKey: str(row.idempotency_key),
    acceptedAt: num(row.accepted_at),
    lastAttemptAt: optNum(row.last_attempt_at),
    nextAttemptAt: state === "queued" ? optNum(row.next_attempt_at) : undefined,
    sentAt: optNum(row.sent_at),
    finishedAt: optNum(row.finished_at),
  };
}
