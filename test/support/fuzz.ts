import fc from "fast-check";

/** Strings that try to break out of a header or an address. */
export const injection: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "\r\nBcc: victim@example.net",
    "\nX-Injected: 1",
    "\r",
    "\u0000",
    "a@example.com\r\nSubject: hijacked",
    '"\r\n" <a@example.com>',
    "%0d%0aBcc: victim@example.net",
    "=?utf-8?b?DQpCY2M6IHZpY3RpbUBleGFtcGxlLm5ldA==?=",
    "\u2028\u2029",
    "\u001b[31m",
  ),
  fc
    .tuple(fc.string(), fc.constantFrom("\r\n", "\n", "\r", "\u0000"), fc.string())
    .map(([a, b, c]) => a + b + c),
);

/** Text of any kind: ASCII, full Unicode (lone surrogates included), or an injection. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({
    unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    maxLength: 20,
  }),
  injection,
);

/** Addresses: good ones, odd but valid ones, and broken ones. */
export const address: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "a@example.com",
    "B <b@example.com>",
    '"Doe, Jane" <jane@example.com>',
    "Zoë <zoe@bücher.de>",
    "jörg@example.com",
    "a@localhost",
    "Group: a@example.com;",
    "",
    "<>",
    "a@[127.0.0.1]",
  ),
  fc.emailAddress(),
  anyText,
);

/** A SendRequest in its JSON form, mostly plausible, often wrong somewhere. */
export const sendJson: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    from: address,
    to: fc.array(address, { maxLength: 4 }),
    cc: fc.array(address, { maxLength: 2 }),
    bcc: fc.array(address, { maxLength: 2 }),
    replyTo: fc.array(address, { maxLength: 2 }),
    subject: anyText,
    text: anyText,
    html: anyText,
    headers: fc.dictionary(
      fc.oneof(fc.constantFrom("X-A", "Bcc", "Content-Type", "X-SES-SOURCE-ARN"), anyText),
      anyText,
      { maxKeys: 3 },
    ),
    attachments: fc.array(
      fc.record(
        {
          filename: anyText,
          contentType: fc.oneof(fc.constantFrom("text/plain", "image/png"), anyText),
          content: fc.base64String({ maxLength: 40 }),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 2 },
    ),
    idempotencyKey: anyText,
  },
  { requiredKeys: ["from", "to"] },
);

/** Any JSON value, as text: scalars, arrays, objects, nested a little. */
export const anyJson: fc.Arbitrary<string> = fc.json({ maxDepth: 4 });

/** JSON nested deeper than any parser should recurse. */
export const deepJson: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 1000, max: 100_000 }), fc.constantFrom("[", '{"a":'))
  .map(([n, open]) => `${open.repeat(n)}1${(open === "[" ? "]" : "}").repeat(n)}`);

/** Bytes that are not UTF-8. */
export const badUtf8: fc.Arbitrary<Uint8Array> = fc
  .tuple(
    fc.string({ maxLength: 10 }),
    fc.constantFrom([0xff], [0xc3], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]),
  )
  .map(([s, bad]) =>
    Buffer.concat([Buffer.from(`{"from":"${s}`), Buffer.from(bad), Buffer.from('"}')]),
  );

/** Applies random damage to bytes: flips, cuts, insertions, repeats. */
export function mutated(bytes: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(
      bytes,
      fc.array(
        fc.tuple(fc.nat(), fc.nat(255), fc.constantFrom("flip", "cut", "insert", "repeat")),
        { maxLength: 4 },
      ),
    )
    .map(([input, edits]) => {
      let b = Buffer.from(input);
      for (const [pos, value, op] of edits) {
        const i = b.length === 0 ? 0 : pos % b.length;
        if (op === "flip" && b.length > 0) b[i] = (b[i] as number) ^ (value || 1);
        else if (op === "cut") b = b.subarray(0, i);
        else if (op === "insert")
          b = Buffer.concat([b.subarray(0, i), Buffer.from([value]), b.subarray(i)]);
        else b = Buffer.concat([b, b.subarray(i)]);
      }
      return new Uint8Array(b);
    });
}
