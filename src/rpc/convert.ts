import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import {
  type Message,
  MessageErrorSchema,
  MessageSchema,
  MessageState,
} from "../../gen/ts/asyncses/v1/message_pb.js";
import { invalidArgument } from "../errors.ts";
import type { MessageRecord, MessageState as State } from "../store/types.ts";

const TO_PROTO: Record<State, MessageState> = {
  queued: MessageState.QUEUED,
  sending: MessageState.SENDING,
  sent: MessageState.SENT,
  failed: MessageState.FAILED,
  cancelled: MessageState.CANCELLED,
};

/** The store's state for a filter; undefined for "any". */
export function stateFromProto(state: MessageState): State | undefined {
  if (state === MessageState.UNSPECIFIED) return undefined;
  const found = (Object.keys(TO_PROTO) as State[]).find((k) => TO_PROTO[k] === state);
  if (!found) throw invalidArgument("state", `unknown state ${state}`);
  return found;
}

const ts = (ms: number | undefined) => (ms === undefined ? undefined : timestampFromMs(ms));

/** A stored record as the contract's Message. */
export function messageToProto(r: MessageRecord): Message {
  return create(MessageSchema, {
    id: r.id,
    state: TO_PROTO[r.state],
    from: r.envelope.from,
    to: [...r.envelope.to],
    cc: [...r.envelope.cc],
    bcc: [...r.envelope.bcc],
    subject: r.envelope.subject,
    recipientCount: r.recipientCount,
    attempts: r.attempts,
    sesMessageId: r.sesMessageId,
    lastError: r.lastError ? create(MessageErrorSchema, r.lastError) : undefined,
    acceptedAt: ts(r.acceptedAt),
    lastAttemptAt: ts(r.lastAttemptAt),
    nextAttemptAt: ts(r.nextAttemptAt),
    sentAt: ts(r.sentAt),
    finishedAt: ts(r.finishedAt),
    idempotencyKey: r.idempotencyKey,
    configurationSet: r.envelope.configurationSet,
    tags: r.envelope.tags.map((t) => ({ name: t.name, value: t.value })),
  });
}

/** Encodes a store cursor as an opaque page token. */
export function encodePageToken(cursor: string | undefined): string {
  return cursor === undefined ? "" : Buffer.from(`v1:${cursor}`).toString("base64url");
}

/** Decodes a page token; throws INVALID_ARGUMENT for one this server did not give out. */
export function decodePageToken(token: string): string | undefined {
  if (token === "") return undefined;
  const text = Buffer.from(token, "base64url").toString();
  if (!text.startsWith("v1:") || text.length < 4)
    throw invalidArgument("pageToken", "is not a token from an earlier page");
  return text.slice(3);
}
