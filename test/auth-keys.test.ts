import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import { ANONYMOUS } from "../src/auth/caller.ts";
import { createKeyRing } from "../src/auth/key-ring.ts";
import { mergeKeys, parseKeysFile, parseKeysList } from "../src/auth/keys.ts";
import { hostOf, isLoopback } from "../src/auth/loopback.ts";
import { authorizeIdentity, authorizeSender } from "../src/auth/senders.ts";
import { ConfigError } from "../src/config/parse.ts";
import { AppError } from "../src/errors.ts";

const KEY_A = "key-a-0123456789abcdef";
const KEY_B = "key-b-0123456789abcdef";
const sha = (s: string) => `sha256:${createHash("sha256").update(s).digest("hex")}`;

const unauthenticated = (message: RegExp) => (err: unknown) =>
  err instanceof AppError && err.code === "unauthenticated" && message.test(err.message);

describe("the keys file", () => {
  it("reads keys, hashes, names and sender lists, skipping comments and blank lines", () => {
    const keys = parseKeysFile(
      [
        "# billing's key",
        `${KEY_A} name=billing from=bills@example.com,@Example.ORG`,
        "",
        `  ${sha(KEY_B)}   from=@bücher.de  `,
      ].join("\n"),
      "keys.txt",
    );
    assert.equal(keys.length, 2);
    assert.equal(keys[0]?.scope, "billing");
    assert.deepEqual(keys[0]?.senders, ["bills@example.com", "@example.org"]);
    assert.match(keys[1]?.scope ?? "", /^key-[0-9a-f]{12}$/);
    assert.deepEqual(keys[1]?.senders, ["@xn--bcher-kva.de"]);
  });

  it("gives a key the same scope whether it is stored plain or hashed", () => {
    const [plain] = parseKeysList(KEY_A, "env");
    const [hashed] = parseKeysFile(sha(KEY_A), "file");
    assert.equal(plain?.scope, hashed?.scope);
    assert.ok(plain?.digest.equals(hashed?.digest ?? Buffer.alloc(0)));
    assert.ok(!plain?.scope.includes(KEY_A.slice(0, 8)));
  });

  it("refuses bad lines with the line number and never repeats the key", () => {
    const cases: Array<[string, RegExp]> = [
      ["short", /line 1: a key is 16 to 256 characters/],
      ["sha256:abc", /line 1: a hashed key is sha256: followed by 64 hex digits/],
      [`${KEY_A} colour=blue`, /unknown or repeated option/],
      [`${KEY_A} name=a name=b`, /unknown or repeated option/],
      [`${KEY_A} name=anonymous`, /name= takes/],
      [`${KEY_A} from=`, /from= lists no sender/],
      [`${KEY_A} from=not-an-address`, /is not an address like a@example.com/],
      [`# ok\n${KEY_A} from=@localhost`, /line 2: "@localhost" is not a domain/],
    ];
    for (const [text, message] of cases) {
      assert.throws(
        () => parseKeysFile(text, "keys.txt"),
        (err: unknown) =>
          err instanceof ConfigError && message.test(err.message) && !err.message.includes(KEY_A),
        text,
      );
    }
  });
});

describe("the keys variable", () => {
  it("reads comma-separated keys, each with an optional :sender|sender list", () => {
    const keys = parseKeysList(` ${KEY_A} , ${sha(KEY_B)}:a@example.com|@example.net,`, "ENV");
    assert.equal(keys.length, 2);
    assert.equal(keys[0]?.senders, undefined);
    assert.deepEqual(keys[1]?.senders, ["a@example.com", "@example.net"]);
  });

  it("refuses a key given twice, even once plain and once hashed", () => {
    assert.throws(
      () => mergeKeys([parseKeysList(KEY_A, "ENV"), parseKeysFile(sha(KEY_A), "file")]),
      (err: unknown) => err instanceof ConfigError && /listed twice/.test(err.message),
    );
  });
});

describe("the key ring", () => {
  const ring = createKeyRing([
    ...parseKeysList(`${KEY_A}:@example.com`, "ENV"),
    ...parseKeysFile(`${sha(KEY_B)} name=ops`, "file"),
  ]);

  it("knows a plain key and a hashed one, by header or by parameter", () => {
    assert.deepEqual(ring.authenticate(`Bearer ${KEY_A}`).senders, ["@example.com"]);
    assert.equal(ring.authenticate(`bearer  ${KEY_B} `).scope, "ops");
    assert.equal(ring.authenticate(undefined, KEY_B).scope, "ops");
  });

  it("prefers the header to the parameter", () => {
    assert.equal(ring.authenticate(`Bearer ${KEY_B}`, "wrong-key-0123456789").scope, "ops");
  });

  it("refuses a missing key, a wrong one, and another scheme", () => {
    assert.throws(() => ring.authenticate(undefined), unauthenticated(/missing API key/));
    assert.throws(() => ring.authenticate(""), unauthenticated(/missing API key/));
    assert.throws(() => ring.authenticate(undefined, ""), unauthenticated(/missing API key/));
    assert.throws(() => ring.authenticate(`Bearer ${KEY_A}x`), unauthenticated(/invalid API key/));
    assert.throws(() => ring.authenticate(sha(KEY_B)), unauthenticated(/must be Bearer/));
    assert.throws(() => ring.authenticate(`Bearer ${sha(KEY_B)}`), unauthenticated(/invalid/));
    assert.throws(() => ring.authenticate(`Basic ${KEY_A}`), unauthenticated(/must be Bearer/));
  });

  it("makes everyone anonymous when no key is configured", () => {
    const open = createKeyRing([]);
    assert.equal(open.enabled, false);
    assert.equal(open.authenticate(undefined), ANONYMOUS);
    assert.equal(open.authenticate("Bearer whatever"), ANONYMOUS);
  });
});

describe("sender restrictions", () => {
  const caller = { scope: "k", senders: ["bills@example.com", "@example.org"] };
  const denied = (err: unknown) => err instanceof AppError && err.code === "permission_denied";

  it("allow listed addresses and any address at a listed domain, case-insensitively", () => {
    authorizeSender(caller, "Bills@Example.com");
    authorizeSender(caller, "anyone@example.org");
    authorizeSender(ANONYMOUS, "anyone@anywhere.example");
  });

  it("refuse other addresses, other domains and subdomains", () => {
    assert.throws(() => authorizeSender(caller, "other@example.com"), denied);
    assert.throws(() => authorizeSender(caller, "a@sub.example.org"), denied);
    assert.throws(() => authorizeSender(caller, "a@example.org.evil.test"), denied);
  });

  it("limit identity management to the same senders", () => {
    authorizeIdentity(caller, "x@example.org");
    authorizeIdentity(caller, "example.org");
    assert.throws(() => authorizeIdentity(caller, "example.com"), denied);
    assert.throws(() => authorizeIdentity(caller, "x@example.net"), denied);
  });
});

describe("loopback", () => {
  it("tells loopback names and addresses from others", () => {
    for (const h of ["localhost", "127.0.0.1", "127.1.2.3", "::1", "[::1]", "LOCALHOST."]) {
      assert.ok(isLoopback(h), h);
    }
    for (const h of ["0.0.0.0", "::", "", "10.0.0.1", "example.com", "localhost.evil.test"]) {
      assert.ok(!isLoopback(h), h);
    }
    assert.equal(hostOf("127.0.0.1:3000"), "127.0.0.1");
    assert.equal(hostOf("[::1]:3000"), "[::1]");
    assert.equal(hostOf("localhost"), "localhost");
  });
});
