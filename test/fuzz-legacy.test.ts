import assert from "node:assert/strict";
import http2 from "node:http2";
import net from "node:net";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { startTestApp, type TestApp, waitFor } from "./support/app.ts";
import { address, anyJson, anyText, badUtf8, deepJson, injection } from "./support/fuzz.ts";
import { h1Request } from "./support/raw-http.ts";

const KEY = "fuzz-legacy-key-0123456789abc";
const MAX_REQUEST = 64 * 1024;
const PATHS = ["/add", "/status", "/quota", "/statistics", "/verify", "/verify/add", "/verify/del"];
const FIELDS = [
  "from",
  "to",
  "cc",
  "bcc",
  "reply_to",
  "subject",
  "text",
  "html",
  "headers",
  "email",
  "idempotency_key",
];
/** Every status the routes may answer; 500 is never one of them. */
const STATUSES = new Set([200, 400, 401, 403, 404, 405, 409, 413, 415, 503]);

/** Parameters: the routes' own names with any values, and names of any kind. */
const params = fc.dictionary(
  fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 8 })),
  fc.oneof(address, anyText, injection, anyJson, fc.array(address, { maxLength: 3 })),
  { maxKeys: 8 },
);

/** A complete, plausible message with one field made odd. */
const message = fc.record({
  from: fc.oneof(fc.constant("a@example.com"), address),
  to: fc.oneof(fc.constant("b@example.com, c@example.com"), address),
  subject: fc.oneof(fc.constant("s"), anyText),
  text: fc.oneof(fc.constant("t"), anyText),
  headers: fc.oneof(
    fc.constant("{}"),
    anyJson,
    fc.dictionary(anyText, anyText, { maxKeys: 2 }).map((d) => JSON.stringify(d)),
  ),
});

function form(p: Record<string, unknown>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) {
    if (Array.isArray(v)) for (const x of v) q.append(k, String(x));
    else q.append(k, String(v));
  }
  return q.toString();
}

/** One request of any shape: method, path, where the parameters go, how the key is given. */
const request = fc.record({
  method: fc.constantFrom("GET", "POST", "POST", "POST", "PUT", "DELETE", "HEAD", "OPTIONS"),
  path: fc.oneof(
    fc.constantFrom(...PATHS),
    fc.constantFrom(...PATHS).map((p) => `${p}/`),
    fc.constantFrom("/", "/ADD", "/%61dd", "/add/x", "//add", "/verify/add/../del", "/add;x"),
  ),
  params: fc.oneof(params, message),
  body: fc.constantFrom(
    "query",
    "form",
    "json",
    "raw-json",
    "deep-json",
    "bad-utf8",
    "huge",
    "text",
  ),
  rawJson: anyJson,
  deepJson,
  badUtf8,
  auth: fc.constantFrom("header", "param", "none", "wrong"),
});

describe("fuzzing the original HTTP routes", () => {
  let app: TestApp;
  let accepted = 0;
  before(async () => {
    app = await startTestApp({
      ASYNCSES_API_KEYS: KEY,
      ASYNCSES_MAX_REQUEST_SIZE: String(MAX_REQUEST),
    });
  });
  after(() => app.dispose());

  it("every request gets a known status and a JSON answer, never a 500", async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const p: Record<string, unknown> = { ...r.params };
        if (r.auth === "param") p.key = KEY;
        if (r.auth === "wrong") p.key = "not-the-key-0123456789";
        const headers: Record<string, string> =
          r.auth === "header" ? { authorization: `Bearer ${KEY}` } : {};
        let path = r.path;
        let body: string | Uint8Array | undefined;
        if (r.body === "query") path += `?${form(p)}`;
        else if (r.body === "form") {
          headers["content-type"] = "application/x-www-form-urlencoded";
          body = form(p);
        } else if (r.body === "json") {
          headers["content-type"] = "application/json";
          body = JSON.stringify(p);
        } else {
          headers["content-type"] = r.body === "text" ? "text/plain" : "application/json";
          path += `?${form(p)}`;
          body = {
            "raw-json": r.rawJson,
            "deep-json": r.deepJson,
            "bad-utf8": r.badUtf8,
            huge: "x".repeat(MAX_REQUEST + 1),
            text: "hello",
          }[r.body];
        }
        const res = await h1Request(app.url, { method: r.method, path, headers, body });
        assert.ok(STATUSES.has(res.status), `${r.method} ${path}: ${res.status} ${res.text}`);
        if (r.method === "HEAD") return;
        const type = String(res.headers["content-type"]);
        if (res.status === 200 && type.startsWith("text/html")) return;
        assert.equal(type, "application/json", `${r.method} ${path}: ${type}`);
        const json = JSON.parse(res.text) as Record<string, unknown>;
        if (res.status !== 200) {
          assert.equal(typeof json.message, "string");
          if (res.status === 404) return;
          assert.equal(json.status, "error");
          return;
        }
        if (json.status === "queued" && json.replayed === false) accepted += 1;
      }),
      { numRuns: 500 },
    );
  });

  it("clients that vanish in the middle of a request leave the server serving", async () => {
    const { port } = new URL(app.url);
    for (let i = 0; i < 20; i++) {
      const socket = net.connect(Number(port), "127.0.0.1");
      await new Promise((resolve) => socket.once("connect", resolve));
      socket.write(
        `POST /add HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${KEY}\r\n` +
          "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nfrom=a%40",
      );
      socket.destroy();
    }
    const session = http2.connect(app.url);
    session.on("error", () => {});
    for (let i = 0; i < 20; i++) {
      const stream = session.request({
        ":method": "POST",
        ":path": "/add",
        "content-type": "application/json",
        authorization: `Bearer ${KEY}`,
      });
      stream.on("error", () => {});
      stream.write('{"from":"a@example.com","to":');
      stream.close(http2.constants.NGHTTP2_CANCEL);
    }
    await new Promise<void>((resolve) => session.close(() => resolve()));
    const res = await h1Request(app.url, {
      path: "/status",
      headers: { authorization: `Bearer ${KEY}` },
    });
    assert.equal(res.status, 200);
  });

  it("afterwards the server still serves, and stores exactly what it accepted", async () => {
    const res = await h1Request(app.url, {
      path: "/status",
      headers: { authorization: `Bearer ${KEY}` },
    });
    assert.equal(res.status, 200);
    const counts = await app.services.store.counts(Date.now());
    assert.equal(
      counts.queued + counts.sending + counts.sent + counts.failed + counts.cancelled,
      accepted,
    );
    await waitFor(() => app.sender.sent.length === accepted, 10_000, "every accepted message sent");
  });
});
