import assert from "node:assert/strict";
import { test } from "node:test";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { SendRequestSchema } from "../gen/ts/asyncses/v1/mail_pb.js";
import { AppError } from "../src/errors.ts";
import { DEFAULT_MAIL_LIMITS } from "../src/mail/limits.ts";
import { validateMail } from "../src/mail/validate.ts";

const base = { from: "a@example.com", to: ["b@example.com"], subject: "hi", text: "hello" };
const check = (fields: Record<string, unknown>) =>
  validateMail(create(SendRequestSchema, { ...base, ...fields }), DEFAULT_MAIL_LIMITS);
const rejects = (fields: Record<string, unknown>, code: string, field: RegExp) => {
  assert.throws(
    () => check(fields),
    (err: unknown) => err instanceof AppError && err.code === code && field.test(err.message),
  );
};

test("a plain message passes and is canonical", () => {
  const mail = check({
    to: ["Bob <b@example.com>"],
    cc: ["c@example.com"],
    bcc: ["d@example.com"],
  });
  assert.deepEqual(mail.request.to, ['"Bob" <b@example.com>']);
  assert.equal(mail.recipientCount, 3);
  assert.equal(mail.envelope.subject, "hi");
  assert.match(mail.contentHash, /^[\w-]{43}$/);
});

test("the encoded form is the canonical request, as the store keeps it", () => {
  const mail = check({
    to: ["Bob <b@example.com>"],
    html: "<p>hello</p>",
    headers: { "X-A": "1" },
  });
  assert.deepEqual(mail.encoded, toBinary(SendRequestSchema, mail.request));
  assert.deepEqual(fromBinary(SendRequestSchema, mail.encoded).to, ['"Bob" <b@example.com>']);
});

test("the same content gives the same hash whatever the header order", () => {
  const a = check({ headers: { "X-A": "1", "X-B": "2" } });
  const b = check({ headers: { "X-B": "2", "X-A": "1" } });
  assert.equal(a.contentHash, b.contentHash);
  assert.notEqual(a.contentHash, check({ headers: { "X-A": "1" } }).contentHash);
});

test("missing from, missing recipients, invalid addresses", () => {
  rejects({ from: "" }, "invalid_argument", /^from:/);
  rejects({ to: [] }, "invalid_argument", /^to:.*recipient/);
  rejects({ to: ["not an address"] }, "invalid_argument", /^to\[0\]:/);
  rejects({ cc: ["x@"] }, "invalid_argument", /^cc\[0\]:/);
  rejects({ from: "a@example.com\r\nBcc: evil@example.com" }, "invalid_argument", /^from:/);
  rejects({ replyTo: ["a@b"] }, "invalid_argument", /^replyTo\[0\]:/);
});

test("more than 50 recipients", () => {
  const many = Array.from({ length: 51 }, (_, i) => `r${i}@example.com`);
  rejects({ to: many }, "invalid_argument", /^to: 51 recipients/);
  assert.equal(check({ to: many.slice(0, 50) }).recipientCount, 50);
});

test("CR or LF in the subject or a header; reserved and invalid header names", () => {
  rejects({ subject: "hi\r\nBcc: x@example.com" }, "invalid_argument", /^subject:/);
  rejects({ headers: { "X-Ok": "a\nb" } }, "invalid_argument", /^headers\["X-Ok"\]/);
  rejects({ headers: { "Bad Name": "v" } }, "invalid_argument", /^headers\["Bad Name"\]/);
  rejects({ headers: { Subject: "v" } }, "invalid_argument", /^headers\["Subject"\]/);
  rejects(
    { headers: { "content-type": "text/plain" } },
    "invalid_argument",
    /^headers\["content-type"\]/,
  );
  rejects({ headers: { "X-A": "1", "x-a": "2" } }, "invalid_argument", /given twice/);
  assert.ok(check({ headers: { "Return-Path": "<bounce@example.com>" } }));
});

test("no body at all", () => {
  rejects({ text: "", html: "" }, "invalid_argument", /^text: the message has no body/);
  assert.ok(check({ text: "", html: "<b>hi</b>" }));
  assert.ok(
    check({ text: "", attachments: [{ filename: "a.txt", content: new Uint8Array([1]) }] }),
  );
});

test("international addresses: IDN domains become punycode, non-ASCII local parts are refused", () => {
  const mail = check({ to: ["Jörg <j@bücher.example>"] });
  assert.deepEqual(mail.request.to, ['"Jörg" <j@xn--bcher-kva.example>']);
  rejects({ to: ["jörg@example.com"] }, "invalid_argument", /ASCII before the @/);
});

test("tags, configuration set and oversized messages", () => {
  rejects({ tags: [{ name: "bad name", value: "v" }] }, "invalid_argument", /^tags\[0\]\.name/);
  rejects({ configurationSet: "no spaces" }, "invalid_argument", /^configurationSet/);
  const big = new Uint8Array(8 * 1024 * 1024);
  rejects(
    { attachments: [{ filename: "big.bin", content: big }] },
    "resource_exhausted",
    /^message:/,
  );
});
