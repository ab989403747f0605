import { createHash } from "node:crypto";
import { create, toBinary } from "@bufbuild/protobuf";
import { type SendRequest, SendRequestSchema } from "../../gen/ts/asyncses/v1/mail_pb.js";
import { invalidArgument, tooLarge } from "../errors.ts";
import type { Envelope } from "../store/types.ts";
import { type Mailbox, parseMailbox } from "./address.ts";
import { checkAttachments } from "./attachments.ts";
import { CONTROL_EXCEPT_TAB, checkHeaders } from "./headers.ts";
import type { MailLimits } from "./limits.ts";

/** A request that passed validation, in canonical form, ready to be stored. */
export interface ValidMail {
  /** The canonical request (addresses normalised, headers sorted), without the idempotency key. */
  readonly request: SendRequest;
  /** `request` encoded (binary SendRequest): what the store keeps, encoded once here. */
  readonly encoded: Uint8Array;
  readonly envelope: Envelope;
  /** The sender's bare address (ASCII, punycode domain), for sender restrictions. */
  readonly fromAddress: string;
  readonly recipientCount: number;
  /** SHA-256 of the canonical request, to tell an idempotent replay from a conflict. */
  readonly contentHash: string;
  readonly idempotencyKey: string;
}

/** Line breaks and NUL, which no single-line field may hold. */
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
  // Counted before anything is parsed, so a huge list costs nothing.
  const recipientCount = req.to.length + req.cc.length + req.bcc.length;
  if (recipientCount === 0)
    throw invalidArgument("to", "at least one recipient (to, cc or bcc) is required");
  if (recipientCount > limits.maxRecipients) {
    throw invalidArgument(
      "to",
      `${recipientCount} recipients (to + cc + bcc); at most ${limits.maxRecipients} are allowed`,
    );
  }
  if (req.replyTo.length > limits.maxRecipients) {
    throw invalidArgument("replyTo", `at most ${limits.maxRecipients} addresses are allowed`);
  }
  const sender = parseMailbox("from", req.from);
  const from = formatMailbox(sender);
  const list = (field: string, values: readonly string[]) =>
    values.map((v, i) => formatMailbox(parseMailbox(`${field}[${i}]`, v)));
  const to = list("to", req.to);
  const cc = list("cc", req.cc);
  const bcc = list("bcc", req.bcc);
  const replyTo = list("replyTo", req.replyTo);

  if (CONTROL_EXCEPT_TAB.test(req.subject))
    throw invalidArgument("subject", "must not contain CR, LF, NUL or other control characters");
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
    throw tooLarge(
      "message",
      `is about ${estimated} bytes encoded; at most ${limits.maxMessageBytes} are allowed`,
    );
  }
  return {
    request,
    encoded,
    envelope: {
      from,
      to,
      cc,
      bcc,
      subject: req.subject,
      configurationSet: req.configurationSet,
      tags: req.tags.map((t) => ({ name: t.name, value: t.value })),
    },
    fromAddress: sender.address,
    recipientCount,
    contentHash: createHash("sha256").update(encoded).digest("base64url"),
    idempotencyKey: req.idempotencyKey,
  };
}
