import type { SQLOutputValue } from "node:sqlite";
import type { Envelope, MessageRecord, MessageState, NewMessage } from "../types.ts";

/** A row as node:sqlite returns it. */
export type Row = Record<string, SQLOutputValue>;

const num = (v: SQLOutputValue | undefined): number => Number(v);
const optNum = (v: SQLOutputValue | undefined): number | undefined =>
  v === null || v === undefined ? undefined : Number(v);
const str = (v: SQLOutputValue | undefined): string =>
  v === null || v === undefined ? "" : String(v);

/** The envelope as stored: compact JSON, read back by envelopeFromJson. */
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
            permanent: num(row.error_permanent) !== 0,
          },
    rejected: num(row.rejected) !== 0,
    idempotencyKey: str(row.idempotency_key),
    acceptedAt: num(row.accepted_at),
    lastAttemptAt: optNum(row.last_attempt_at),
    nextAttemptAt: state === "queued" ? optNum(row.next_attempt_at) : undefined,
    sentAt: optNum(row.sent_at),
    finishedAt: optNum(row.finished_at),
  };
}

/** The insert's parameters for a new message, in the statement's order. */
export function insertParams(
  m: NewMessage,
): [string, string, string, Uint8Array, number, number, number] {
  return [
    m.id,
    m.idempotencyKey,
    envelopeToJson(m.envelope),
    m.payload,
    m.recipientCount,
    m.acceptedAt,
    m.acceptedAt,
  ];
}
