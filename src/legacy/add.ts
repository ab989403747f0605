import { create } from "@bufbuild/protobuf";
import { type SendRequest, SendRequestSchema } from "../../gen/ts/asyncses/v1/mail_pb.js";
import { AppError } from "../errors.ts";
import { splitAddresses } from "./address-list.ts";
import { all, one, type Params } from "./params.ts";

const missing = (field: string) => new AppError("invalid_argument", `missing field ${field}`);

/** `headers`: a JSON object of strings, given as a JSON string (as the original took it). */
function readHeaders(params: Params): Record<string, string> {
  const text = one(params, "headers");
  if (text === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError("invalid_argument", "headers contains invalid json data");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new AppError("invalid_argument", "headers must be a JSON object of names and values");
  }
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (typeof value !== "string" && typeof value !== "number") {
      throw new AppError("invalid_argument", `headers: the value of ${name} must be a string`);
    }
    out[name] = String(value);
  }
  return out;
}

/**
 * The original /add's parameters as a SendRequest. Required, as in the original: from, to
 * (or cc or bcc), subject, and text, which html may stand in for. to, cc, bcc and reply_to
 * take comma-separated addresses and may be repeated; headers become email headers.
 */
export function addRequest(params: Params): SendRequest {
  const headers = readHeaders(params);
  const from = one(params, "from").trim();
  const to = splitAddresses(all(params, "to"));
  const cc = splitAddresses(all(params, "cc"));
  const bcc = splitAddresses(all(params, "bcc"));
  const subject = one(params, "subject");
  const text = one(params, "text");
  const html = one(params, "html");
  if (from === "") throw missing("from");
  if (to.length + cc.length + bcc.length === 0) throw missing("to");
  if (subject.trim() === "") throw missing("subject");
  if (text.trim() === "" && html.trim() === "") throw missing("text");
  return create(SendRequestSchema, {
    from,
    to,
    cc,
    bcc,
    replyTo: splitAddresses(all(params, "reply_to")),
    subject,
    text,
    html,
    headers,
    idempotencyKey: one(params, "idempotency_key"),
  });
}
