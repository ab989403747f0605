/** A row as node-postgres returns it: bigint and numeric columns come as strings. */
export type Row = Record<string, unknown>;

/** Columns a MessageRecord is read from. */
export const RECORD = `id, state, idempotency_key, envelope, recipient_count, attempts,
  ses_message_id, error_code, error_message, error_permanent, rejected, accepted_at,
  last_attempt_at, next_attempt_at, sent_at, finished_at`;

export { envelopeToJson, recordFromRow } from "../record-row.ts";
