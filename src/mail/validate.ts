import { createHash } from "node:crypto";
import { create, toBinary } from "@bufbuild/protobuf";
import { type SendRequest, SendRequestSchema } from "../../gen/ts/asyncses/v1/mail_pb.js";
import { AppError, invalidArgument } from "../errors.ts";
import type { Envelope } from "../store/types.ts";
import { type Mailbox, parseMailbox } from "./address.ts";
import type { MailLimits } from "./limits.ts";

/** A request that passed validation, in canonical form, ready to be stored. */
export interface ValidMail {
  /** The canonical request (addresses normalised, headers sorted), without the idempotency key. */
  readonly request: SendRequest;
  readonly envelope: Envelope;
  readonly recipientCount: number;
  /** SHA-256 of the canonical request, to tell an idempotent replay from a conflict. */
  readonly contentHash: string;
  readonly idempotencyKey: string;
}

/**
 * Headers the message fields own (or the MIME builder writes), which `headers` may not set.
 * Return-Path is allowed: the original's clients set it, and SES replaces it on delivery anyway.
 */
const OWNED_HEADERS = new Set([
  "from",
  "to",
  "cc",
  "bcc",
  "reply-to",
  "subject",
  "date",
  "message-id",
  "mime-version",
  "sender",
]);
/** RFC 5322 field names: printable ASCII except colon. */
const HEADER_NAME = /^[\x21-\x39\x3b-\x7e]+$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: line breaks and NUL are what it finds
const LINE_BREAK = /[\r\n\u0000]/;
/** SES message tag names and values. */
const TAG_PART = /^[A-Za-z0-9_-]{1,256}$/;
const CONFIGURATION_SET = /^[A-Za-z0-9_-]{1,64}$/;

/** Formats a mailbox canonically: `"Name" <a@example.com>` or `a@example.com`. */
export function formatMailbox(m: Mailbox): string {
  if (m.name === "") return m.address;
  return `"${m.name.replace(/["\\]/g, (c) => `\\${c}`)}" <${m.address}>`;
}

/**
 * Checks a SendRequest and returns its canonical form; throws INVALID_ARGUMENT naming the
 * field (or RESOURCE_EXHAUSTED for size) on the first problem found.
 */
export function validateMail(req: SendRequest, limits: MailLimits): ValidMail {
  if (req.from.trim() === "") throw invalidArgument("from", "is required");
  const from = formatMailbox(parseMailbox("from", req.from));
  const list = (field: string, values: readonly string[]) =>
    values.map((v, i) => formatMailbox(parseMailbox(`${field}[${i}]`, v)));
  const to = list("to", req.to);
  const cc = list("cc", req.cc);
  const bcc = list("bcc", req.bcc);
  const replyTo = list("replyTo", req.replyTo);
  const recipientCount = to.length + cc.length + bcc.length;
  if (recipientCount === 0)
    throw invalidArgument("to", "at least one recipient (to, cc or bcc) is required");
  if (recipientCount > limits.maxRecipients) {
    throw invalidArgument(
      "to",
      `${recipientCount} recipients (to + cc + bcc); at most ${limits.maxRecipients} are allowed`,
    );
  }

  if (LINE_BREAK.test(req.subject))
    throw invalidArgument("subject", "must not contain CR, LF or NUL");
  if (req.subject.length > limits.maxSubjectLength) {
    throw invalidArgument(
      "subject",
      `is ${req.subject.length} characters; at most ${limits.maxSubjectLength} are allowed`,
    );
  }
  if (req.text === "" && req.html === "" && req.attachments.length === 0) {
    throw invalidArgument("text", "the message has no body: give text, html or an attachment");
  }

  const headers = checkHeaders(req.headers, limits);
  checkAttachments(req, limits);
  for (const [i, tag] of req.tags.entries()) {
    if (!TAG_PART.test(tag.name))
      throw invalidArgument(`tags[${i}].name`, "must be 1-256 ASCII letters, digits, _ or -");
    if (!TAG_PART.test(tag.value))
      throw invalidArgument(`tags[${i}].value`, "must be 1-256 ASCII letters, digits, _ or -");
  }
  if (req.configurationSet !== "" && !CONFIGURATION_SET.test(req.configurationSet)) {
    throw invalidArgument("configurationSet", "must be 1-64 ASCII letters, digits, _ or -");
  }
  if (LINE_BREAK.test(req.idempotencyKey) || req.idempotencyKey.length > 256) {
    throw invalidArgument("idempotencyKey", "must be at most 256 characters without line breaks");
  }

  const request = create(SendRequestSchema, {
    from,
    to,
    cc,
    bcc,
    replyTo,
    subject: req.subject,
    text: req.text,
    html: req.html,
    headers,
    attachments: req.attachments,
    tags: req.tags,
    configurationSet: req.configurationSet,
  });
  const encoded = toBinary(SendRequestSchema, request);
  // Base64 makes attachments a third bigger; this bounds the encoded message before it is built.
  const estimated = Math.ceil((encoded.length * 4) / 3);
  if (estimated > limits.maxMessageBytes) {
    throw invalidArgumentSize(estimated, limits.maxMessageBytes);
  }
  return {
    request,
    envelope: {
      from,
      to,
      cc,
      bcc,
      subject: req.subject,
      configurationSet: req.configurationSet,
      tags: req.tags.map((t) => ({ name: t.name, value: t.value })),
    },
    recipientCount,
    contentHash: createHash("sha256").update(encoded).digest("base64url"),
    idempotencyKey: req.idempotencyKey,
  };
}

function checkHeaders(input: Record<string, string>, limits: MailLimits): Record<string, string> {
  const names = Object.keys(input).sort();
  if (names.length > limits.maxHeaders) {
    throw invalidArgument(
      "headers",
      `${names.length} headers; at most ${limits.maxHeaders} are allowed`,
    );
  }
  const seen = new Set<string>();
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = input[name] as string;
    const field = `headers[${JSON.stringify(name)}]`;
    const lower = name.toLowerCase();
    if (!HEADER_NAME.test(name)) throw invalidArgument(field, "is not a valid header name");
    if (LINE_BREAK.test(value)) throw invalidArgument(field, "must not contain CR, LF or NUL");
    if (OWNED_HEADERS.has(lower) || lower.startsWith("content-")) {
      throw invalidArgument(
        field,
        "is set by the message's own fields and cannot be given as a header",
      );
    }
    if (seen.has(lower)) throw invalidArgument(field, "is given twice");
    if (name.length + value.length + 2 > limits.maxHeaderLength) {
      throw invalidArgument(field, `is longer than ${limits.maxHeaderLength} characters`);
    }
    seen.add(lower);
    out[name] = value;
  }
  return out;
}

function checkAttachments(req: SendRequest, limits: MailLimits): void {
  if (req.attachments.length > limits.maxAttachments) {
    throw invalidArgument(
      "attachments",
      `${req.attachments.length} attachments; at most ${limits.maxAttachments} are allowed`,
    );
  }
  for (const [i, a] of req.attachments.entries()) {
    const field = `attachments[${i}]`;
    if (a.filename.trim() === "" && a.contentId === "")
      throw invalidArgument(`${field}.filename`, "is required");
    if (LINE_BREAK.test(a.filename))
      throw invalidArgument(`${field}.filename`, "must not contain CR, LF or NUL");
    if (a.contentType !== "" && !/^[\w.+-]+\/[\w.+-]+$/.test(a.contentType)) {
      throw invalidArgument(
        `${field}.contentType`,
        `${JSON.stringify(a.contentType)} is not a MIME type like text/plain`,
      );
    }
    if (a.contentId !== "" && !/^[\x21-\x3b\x3d\x3f-\x7e]{1,250}$/.test(a.contentId)) {
      throw invalidArgument(
        `${field}.contentId`,
        "must be printable ASCII without spaces or angle brackets",
      );
    }
  }
}

function invalidArgumentSize(bytes: number, max: number): AppError {
  return new AppError(
    "resource_exhausted",
    `message: is about ${bytes} bytes encoded; at most ${max} are allowed`,
  );
}
