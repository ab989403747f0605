import type { SQLOutputValue } from "node:sqlite";
import { envelopeToJson } from "../record-row.ts";
import type { NewMessage } from "../types.ts";

/** A row as node:sqlite returns it. */
export type Row = Record<string, SQLOutputValue>;

export { envelopeToJson, recordFromRow } from "../record-row.ts";

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
