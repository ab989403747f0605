import assert from "node:assert/strict";
import { test } from "node:test";
import { domainToASCII } from "node:url";
import emailAddresses from "email-addresses";
import fc from "fast-check";
import { AppError } from "../src/errors.ts";
import { PLAIN_ADDRESS, parseMailbox } from "../src/mail/address.ts";

/** What the full RFC 5322 parser makes of an input, as parseMailbox would answer. */
function viaParser(input: string): { name: string; address: string } | "invalid" {
  const parsed = emailAddresses.parseOneAddress({ input, rfc6532: true, rejectTLD: true });
  if (parsed?.type !== "mailbox") return "invalid";
  const domain = domainToASCII(parsed.domain);
  return domain === ""
    ? "invalid"
    : { name: parsed.name ?? "", address: `${parsed.local}@${domain}` };
}

function viaFastPath(input: string): { name: string; address: string } | "invalid" {
  try {
    return parseMailbox("to", input);
  } catch (err) {
    if (err instanceof AppError) return "invalid";
    throw err;
  }
}

const plain = fc.oneof(
  fc.stringMatching(PLAIN_ADDRESS),
  fc.emailAddress().filter((a) => PLAIN_ADDRESS.test(a)),
);

test("plain addresses skip the parser and get the parser's answer", () => {
  fc.assert(
    fc.property(plain, (input) => {
      assert.ok(PLAIN_ADDRESS.test(input));
      assert.deepEqual(viaFastPath(input), viaParser(input));
    }),
    { numRuns: 2000 },
  );
});

test("the plain form is narrow: names, comments, quotes, spaces and one-label domains take the parser", () => {
  for (const input of [
    "Bob <b@example.com>",
    "b@example.com (Bob)",
    '"b c"@example.com',
    " b@example.com",
    "b@localhost",
    "a..b@example.com",
    ".b@example.com",
    "b@-example.com",
    "b@example-.com",
    "b@[127.0.0.1]",
    "bé@example.com",
    "b@exämple.com",
  ]) {
    assert.equal(PLAIN_ADDRESS.test(input), false, input);
  }
  assert.deepEqual(parseMailbox("to", "B.Smith+tag@Example.COM"), {
    name: "",
    address: "B.Smith+tag@example.com",
  });
});
