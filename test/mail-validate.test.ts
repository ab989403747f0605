import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { create } from "@bufbuild/protobuf";
import { type SendRequest, SendRequestSchema } from "../gen/ts/asyncses/v1/mail_pb.js";
import { AppError } from "../src/errors.ts";
import { DEFAULT_MAIL_LIMITS, type MailLimits } from "../src/mail/limits.ts";
import { buildMime } from "../src/mail/mime.ts";
import { validateMail } from "../src/mail/validate.ts";

type Init = Parameters<typeof create<typeof SendRequestSchema>>[1];
const request = (init: Init = {}): SendRequest =>
  create(SendRequestSchema, { from: "a@example.com", to: ["b@example.com"], text: "hi", ...init });
const validate = (init: Init, limits: Partial<MailLimits> = {}) =>
  validateMail(request(init), { ...DEFAULT_MAIL_LIMITS, ...limits });

/** Asserts the request is refused with the code, and a message starting with the field. */
function refused(init: Init, field: string, code = "invalid_argument", limits = {}): AppError {
  let caught: unknown;
  try {
    validate(init, limits);
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof AppError, `expected a refusal naming ${field}`);
  assert.equal(caught.code, code, caught.message);
  assert.ok(caught.message.startsWith(`${field}:`), caught.message);
  return caught;
}

/** The unfolded header lines of a built message, by lower-case name. */
async function mimeHeaders(init: Init): Promise<Map<string, string>> {
  const mime = (await buildMime(validate(init).request, "<id@asyncses.test>")).toString();
  const head = mime.slice(0, mime.indexOf("\r\n\r\n")).replace(/\r\n[ \t]+/g, " ");
  const out = new Map<string, string>();
  for (const line of head.split("\r\n")) {
    const i = line.indexOf(":");
    out.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  return out;
}

/** Decodes RFC 2047 encoded words (B and Q, UTF-8). */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toLowerCase() === "b"
        ? Buffer.from(text, "base64").toString()
        : Buffer.from(
            text
              .replace(/_/g, " ")
              .replace(/=([0-9a-f]{2})/gi, (_x, h: string) =>
                String.fromCharCode(Number.parseInt(h, 16)),
              ),
            "latin1",
          ).toString(),
    );
}

describe("headers", () => {
  it("become email headers, sorted, Return-Path included", () => {
    const mail = validate({ headers: { "X-B": "2", "Return-Path": "r@example.com", "X-A": "1" } });
    assert.deepEqual(Object.keys(mail.request.headers), ["Return-Path", "X-A", "X-B"]);
  });

  it("refuse CR, LF, NUL and other control characters in values", () => {
    for (const v of ["a\r\nBcc: x@evil.test", "a\nb", "a\rb", "a\u0000b", "a\u001bb", "a\u007f"]) {
      refused({ headers: { "X-A": v } }, 'headers["X-A"]');
    }
    validate({ headers: { "X-A": "tab\tis fine, and so is Ünïcödé" } });
  });

  it("refuse invalid names", () => {
    for (const name of ["X A", "X:A", "X-Ä", "", "X\r\nBcc"]) {
      refused({ headers: { [name]: "v" } }, `headers[${JSON.stringify(name)}]`);
    }
  });

  it("refuse the headers the message fields own, in any case", () => {
    for (const name of [
      "From",
      "to",
      "CC",
      "Bcc",
      "Reply-To",
      "Subject",
      "Date",
      "Message-ID",
      "MIME-Version",
      "Sender",
      "Content-Type",
      "content-transfer-encoding",
      "Content-Disposition",
    ]) {
      const err = refused({ headers: { [name]: "x" } }, `headers[${JSON.stringify(name)}]`);
      assert.match(err.message, /set by the message's own fields/);
    }
  });

  it("refuse X-SES-* headers, which SES reads as parameters", () => {
    for (const name of ["X-SES-CONFIGURATION-SET", "x-ses-source-arn", "X-SES-MESSAGE-TAGS"]) {
      const err = refused({ headers: { [name]: "x" } }, `headers[${JSON.stringify(name)}]`);
      assert.match(err.message, /SES parameters/);
    }
  });

  it("refuse a name given twice and too many or too long headers", () => {
    refused({ headers: { "X-A": "1", "x-a": "2" } }, 'headers["x-a"]');
    refused({ headers: { A: "1", B: "2", C: "3" } }, "headers", "invalid_argument", {
      maxHeaders: 2,
    });
    refused({ headers: { "X-A": "x".repeat(100) } }, 'headers["X-A"]', "invalid_argument", {
      maxHeaderLength: 100,
    });
  });
});

describe("addresses", () => {
  it("keep Unicode display names, correctly encoded in the built message", async () => {
    const name = "Zoë Ångström, 日本";
    const h = await mimeHeaders({
      from: `"${name}" <zoe@example.com>`,
      to: ['"Dr. \\"Who\\"" <who@example.com>'],
    });
    const from = h.get("from") ?? "";
    assert.match(from, /^[\x20-\x7e]+$/, "headers are ASCII after encoding");
    assert.equal(decodeWords(from), `${name} <zoe@example.com>`);
    assert.match(h.get("to") ?? "", /who@example\.com/);
  });

  it("turn international domains into punycode", async () => {
    const mail = validate({ from: "a@bücher.de", to: ["Müller <m@例え.テスト>"] });
    assert.equal(mail.fromAddress, "a@xn--bcher-kva.de");
    assert.deepEqual(mail.envelope.to, ['"Müller" <m@xn--r8jz45g.xn--zckzah>']);
    const h = await mimeHeaders({ from: "a@bücher.de", to: ["m@例え.テスト"] });
    assert.equal(h.get("from"), "a@xn--bcher-kva.de");
    assert.equal(h.get("to"), "m@xn--r8jz45g.xn--zckzah");
  });

  it("refuse a non-ASCII local part with a clear message", () => {
    const err = refused({ to: ["jörg@example.com"] }, "to[0]");
    assert.match(err.message, /ASCII before the @/);
  });

  it("refuse line breaks, groups and garbage, naming the field", () => {
    refused({ from: "a@example.com\r\nBcc: x@evil.test" }, "from");
    refused({ cc: ["ok@example.com", "not an address"] }, "cc[1]");
    refused({ bcc: ["Group: a@example.com;"] }, "bcc[0]");
    refused({ replyTo: ["@example.com"] }, "replyTo[0]");
    refused({ to: ["a@localhost"] }, "to[0]");
    refused({ from: `${"x".repeat(2000)}@example.com` }, "from");
  });

  it("count recipients before parsing them", () => {
    const many = Array.from({ length: 51 }, () => "not parsed");
    const err = refused({ to: many }, "to");
    assert.match(err.message, /51 recipients .* at most 50/);
    refused({ to: ["a@example.com"], cc: ["b@example.com"] }, "to", "invalid_argument", {
      maxRecipients: 1,
    });
  });
});

describe("sizes", () => {
  it("refuse a long subject or one with a line break", () => {
    refused({ subject: "x".repeat(999) }, "subject");
    refused({ subject: "a\r\nBcc: x@evil.test" }, "subject");
  });

  it("answer RESOURCE_EXHAUSTED for a message or an attachment too large", () => {
    const big = refused({ text: "x".repeat(10_000) }, "message", "resource_exhausted", {
      maxMessageBytes: 5000,
    });
    assert.equal(big.exhausted, "size");
    const attachment = { filename: "a.bin", content: new Uint8Array(2000) };
    const err = refused(
      { attachments: [attachment] },
      "attachments[0].content",
      "resource_exhausted",
      { maxAttachmentBytes: 1000 },
    );
    assert.equal(err.exhausted, "size");
  });

  it("refuse too many attachments and bad file names", () => {
    const a = { filename: "a.txt", content: new Uint8Array(1) };
    refused({ attachments: [a, a] }, "attachments", "invalid_argument", { maxAttachments: 1 });
    refused({ attachments: [{ ...a, filename: "a\r\n.txt" }] }, "attachments[0].filename");
    refused(
      { attachments: [{ ...a, contentType: "text/plain\r\nX: y" }] },
      "attachments[0].contentType",
    );
  });
});
