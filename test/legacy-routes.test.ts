import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { AppError } from "../src/errors.ts";
import { startTestApp, type TestApp, waitFor } from "./support/app.ts";
import {
  createFakeAccount,
  FAKE_IDENTITIES,
  FAKE_QUOTA,
  type FakeAccount,
} from "./support/fake-account.ts";
import { closedGate } from "./support/gates.ts";
import { callLegacy, VIAS } from "./support/legacy-client.ts";
import { h1Request, h2Connect } from "./support/raw-http.ts";

const KEY = "legacy-routes-key-0123456789";
const MESSAGE = {
  from: "some@example.com",
  to: "another@example.com",
  subject: "Hello",
  text: "Hi.",
};
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function assertJson(res: { status: number; headers: Record<string, unknown> }, status = 200) {
  assert.equal(res.status, status);
  assert.equal(res.headers["content-type"], "application/json");
}

describe("the original HTTP routes", () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ ASYNCSES_API_KEYS: KEY });
  });
  after(() => app.dispose());

  for (const via of VIAS) {
    it(`/add by ${via} queues the message and answers the original shape with its id`, async () => {
      const res = await callLegacy(app.url, "/add", via, { ...MESSAGE, key: KEY });
      assertJson(res);
      const body = res.json as Record<string, unknown>;
      assert.equal(body.status, "queued");
      assert.equal(body.message, "ok");
      assert.match(String(body.id), ID);
      await waitFor(() => app.sender.sent.some((m) => m.id === body.id));
      const sent = app.sender.sent.find((m) => m.id === body.id)?.request;
      assert.equal(sent?.from, "some@example.com");
      assert.deepEqual(sent?.to, ["another@example.com"]);
      assert.equal(sent?.subject, "Hello");
      assert.equal(sent?.text, "Hi.");
    });

    it(`/status by ${via} has the original keys with their original types`, async () => {
      const res = await callLegacy(app.url, "/status", via, { key: KEY });
      assertJson(res);
      const body = res.json as Record<string, unknown>;
      for (const k of ["sent", "error", "queued", "rejected"]) {
        assert.equal(typeof body[k], "string", k);
        assert.match(body[k] as string, /^\d+$/, k);
      }
      assert.equal(typeof body.outbox, "number");
      for (const k of ["waiting", "sending", "failed", "capacity", "workers", "uptime_seconds"]) {
        assert.equal(typeof body[k], "number", k);
      }
    });

    it(`/quota by ${via} has the original hyphenated keys`, async () => {
      const res = await callLegacy(app.url, "/quota", via, { key: KEY });
      assertJson(res);
      const body = res.json as Record<string, unknown>;
      assert.deepEqual(Object.keys(body), ["max-24h-send", "sent-last-24h", "max-send-rate"]);
      for (const v of Object.values(body)) assert.equal(typeof v, "number");
    });

    it(`/statistics and /verify by ${via} answer bare arrays`, async () => {
      const stats = await callLegacy(app.url, "/statistics", via, { key: KEY });
      assertJson(stats);
      assert.ok(Array.isArray(stats.json));
      const verify = await callLegacy(app.url, "/verify", via, { key: KEY });
      assertJson(verify);
      assert.deepEqual(verify.json, []);
    });

    it(`/verify/add and /verify/del by ${via} answer 409 with the file sender`, async () => {
      for (const path of ["/verify/add", "/verify/del"]) {
        const res = await callLegacy(app.url, path, via, { email: "x@example.com", key: KEY });
        assertJson(res, 409);
        assert.equal((res.json as { code: string }).code, "failed_precondition");
        assert.match((res.json as { message: string }).message, /identities are managed in SES/);
      }
    });
  }

  it("/add takes several to, cc, bcc and reply_to, comma-separated or repeated", async () => {
    const res = await callLegacy(app.url, "/add/", "POST form", {
      key: KEY,
      from: '"Billing, Inc." <bills@example.com>',
      to: ["a@example.com, B <b@example.com>", "c@example.com"],
      cc: '"Doe, Jane" <jane@example.com>',
      bcc: ["d@example.com", "e@example.com"],
      reply_to: "help@example.com,desk@example.com",
      subject: "Invoice",
      html: "<p>Hi</p>",
      headers: JSON.stringify({ "List-Unsubscribe": "<mailto:u@example.com>" }),
    });
    assertJson(res);
    const id = (res.json as { id: string }).id;
    await waitFor(() => app.sender.sent.some((m) => m.id === id));
    const r = app.sender.sent.find((m) => m.id === id)?.request;
    assert.equal(r?.from, '"Billing, Inc." <bills@example.com>');
    assert.deepEqual(r?.to, ["a@example.com", '"B" <b@example.com>', "c@example.com"]);
    assert.deepEqual(r?.cc, ['"Doe, Jane" <jane@example.com>']);
    assert.deepEqual(r?.bcc, ["d@example.com", "e@example.com"]);
    assert.deepEqual(r?.replyTo, ["help@example.com", "desk@example.com"]);
    assert.equal(r?.text, "");
    assert.equal(r?.html, "<p>Hi</p>");
    assert.deepEqual(r?.headers, { "List-Unsubscribe": "<mailto:u@example.com>" });
  });

  it("/add takes headers as a JSON object in a JSON body", async () => {
    const res = await callLegacy(app.url, "/add", "POST json", {
      ...MESSAGE,
      key: KEY,
      to: ["a@example.com", "b@example.com"],
      headers: { "Return-Path": "r@example.com" },
    });
    assertJson(res);
    const id = (res.json as { id: string }).id;
    await waitFor(() => app.sender.sent.some((m) => m.id === id));
    const r = app.sender.sent.find((m) => m.id === id)?.request;
    assert.deepEqual(r?.to, ["a@example.com", "b@example.com"]);
    assert.deepEqual(r?.headers, { "Return-Path": "r@example.com" });
  });

  it("/add replays a repeated idempotency_key", async () => {
    const params = { ...MESSAGE, key: KEY, idempotency_key: "order-42" };
    const first = (await callLegacy(app.url, "/add", "GET", params)).json as { id: string };
    const again = await callLegacy(app.url, "/add", "POST json", params);
    assert.deepEqual(again.json, { status: "queued", message: "ok", id: first.id, replayed: true });
    const changed = await callLegacy(app.url, "/add", "GET", { ...params, text: "other" });
    assertJson(changed, 409);
  });

  it("/add refuses what is missing or invalid with 400 and the original messages", async () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ ...MESSAGE, from: "" }, /^missing field from$/],
      [{ ...MESSAGE, to: "" }, /^missing field to$/],
      [{ ...MESSAGE, to: " , " }, /^missing field to$/],
      [{ ...MESSAGE, subject: "" }, /^missing field subject$/],
      [{ ...MESSAGE, text: "" }, /^missing field text$/],
      [{ ...MESSAGE, headers: "{not json" }, /^headers contains invalid json data$/],
      [{ ...MESSAGE, headers: "[1]" }, /^headers must be a JSON object/],
      [{ ...MESSAGE, headers: '{"Bcc":"x@evil.test"}' }, /^headers\["Bcc"\]: is set by/],
      [{ ...MESSAGE, headers: '{"X-A":"a\\r\\nBcc: x@evil.test"}' }, /^headers\["X-A"\]: must not/],
      [{ ...MESSAGE, to: "not an address" }, /^to\[0\]: "not an address" is not a valid/],
      [{ ...MESSAGE, cc: "jörg@example.com" }, /^cc\[0\]: .*ASCII before the @/],
      [{ ...MESSAGE, subject: "a\r\nBcc: x@evil.test" }, /^subject: must not contain CR, LF/],
    ];
    const before = await app.services.store.counts(Date.now());
    const sentBefore = app.sender.sent.length;
    for (const [params, message] of cases) {
      const res = await callLegacy(app.url, "/add", "POST form", { ...params, key: KEY });
      assertJson(res, 400);
      const body = res.json as Record<string, string>;
      assert.equal(body.status, "error");
      assert.equal(body.code, "invalid_argument");
      assert.match(body.message ?? "", message);
    }
    const many = Array.from({ length: 51 }, (_, i) => `r${i}@example.com`).join(",");
    const tooMany = await callLegacy(app.url, "/add", "GET", { ...MESSAGE, to: many, key: KEY });
    assertJson(tooMany, 400);
    assert.match((tooMany.json as { message: string }).message, /51 recipients/);
    const after = await app.services.store.counts(Date.now());
    assert.equal(
      after.queued + after.sending + after.sent,
      before.queued + before.sending + before.sent,
    );
    assert.equal(app.sender.sent.length, sentBefore);
    const status = (await callLegacy(app.url, "/status", "GET", { key: KEY })).json as {
      rejected: string;
    };
    assert.ok(Number(status.rejected) >= cases.length + 1);
  });

  it("/verify/add without email answers the original message", async () => {
    const res = await callLegacy(app.url, "/verify/add", "GET", { key: KEY });
    assertJson(res, 400);
    assert.equal((res.json as { message: string }).message, "Missing field email");
  });

  it("tolerates trailing slashes", async () => {
    for (const path of ["/status/", "/quota//", "/verify/", "/statistics/"]) {
      assertJson(await callLegacy(app.url, path, "GET", { key: KEY }));
    }
  });

  it("answers 405 with Allow for other methods", async () => {
    for (const method of ["PUT", "DELETE", "PATCH", "OPTIONS"]) {
      const res = await h1Request(app.url, { method, path: `/add?key=${KEY}` });
      assertJson(res, 405);
      assert.equal(res.headers.allow, "GET, POST");
    }
  });

  it("answers 415 for bodies that are neither a form nor JSON, 400 for broken ones", async () => {
    const post = (type: string, body: string | Buffer) =>
      h1Request(app.url, {
        method: "POST",
        path: `/status?key=${KEY}`,
        headers: { "content-type": type },
        body,
      });
    assertJson(await post("text/plain", "hello"), 415);
    assertJson(await post("multipart/form-data; boundary=x", "--x--"), 415);
    assertJson(await post("application/json; charset=latin1", "{}"), 415);
    assertJson(await post("application/json", "{"), 400);
    assertJson(await post("application/json", "[1,2]"), 400);
    assertJson(await post("application/json", '{"to":{"a":1}}'), 400);
    assertJson(
      await post("application/x-www-form-urlencoded", Buffer.from([0x61, 0x3d, 0xff])),
      400,
    );
    assertJson(await post("application/json; charset=utf-8", "{}"));
  });

  it("serves the index page of links", async () => {
    const res = await h1Request(app.url, { path: "/" });
    assert.equal(res.status, 200);
    assert.equal(res.headers["content-type"], "text/html; charset=utf-8");
    for (const route of [
      "/add",
      "/status",
      "/quota",
      "/statistics",
      "/verify",
      "/verify/add",
      "/verify/del",
    ]) {
      assert.ok(res.text.includes(`<a href="${route}">`), route);
    }
  });

  it("answers 404 in JSON for unknown paths", async () => {
    const res = await h1Request(app.url, { path: `/nothing?key=${KEY}` });
    assertJson(res, 404);
  });

  it("serves HTTP/2 too", async () => {
    const h2 = h2Connect(app.url);
    try {
      const res = await h2.request({
        method: "POST",
        path: "/add",
        headers: { "content-type": "application/json", authorization: `Bearer ${KEY}` },
        body: JSON.stringify(MESSAGE),
      });
      assert.equal(res.status, 200);
      assert.equal((JSON.parse(res.text) as { status: string }).status, "queued");
    } finally {
      await h2.close();
    }
  });
});

describe("the original HTTP routes over an SES account", () => {
  let app: TestApp;
  let account: FakeAccount;
  before(async () => {
    account = createFakeAccount();
    app = await startTestApp({ ASYNCSES_API_KEYS: KEY }, { account });
  });
  after(() => app.dispose());
  const auth = { authorization: `Bearer ${KEY}` };

  it("/quota passes the quota on", async () => {
    const res = await callLegacy(app.url, "/quota", "GET", {}, auth);
    assert.deepEqual(res.json, {
      "max-24h-send": FAKE_QUOTA.max24HourSend,
      "sent-last-24h": FAKE_QUOTA.sentLast24Hours,
      "max-send-rate": FAKE_QUOTA.maxSendRate,
    });
  });

  it("/statistics gives SES's data points with the original names, values as strings", async () => {
    const res = await callLegacy(app.url, "/statistics", "POST form", {}, auth);
    assert.deepEqual(res.json, [
      {
        Timestamp: "2024-01-01T12:00:00Z",
        DeliveryAttempts: "10",
        Bounces: "1",
        Complaints: "0",
        Rejects: "2",
      },
      {
        Timestamp: "2024-01-01T12:15:00Z",
        DeliveryAttempts: "5",
        Bounces: "0",
        Complaints: "1",
        Rejects: "0",
      },
    ]);
  });

  it("/verify lists the verified addresses only", async () => {
    const res = await callLegacy(app.url, "/verify", "POST json", {}, auth);
    assert.deepEqual(res.json, [FAKE_IDENTITIES[0]?.identity]);
  });

  it("/verify/add and /verify/del take email and answer SES's request id", async () => {
    const added = await callLegacy(
      app.url,
      "/verify/add",
      "GET",
      { email: "New <new@example.com>" },
      auth,
    );
    assert.deepEqual(added.json, { status: "ok", message: "verify-1" });
    const removed = await callLegacy(
      app.url,
      "/verify/del/",
      "POST json",
      { email: "old@example.com" },
      auth,
    );
    assert.deepEqual(removed.json, { status: "ok", message: "delete-1" });
    assert.deepEqual(account.verified, ["new@example.com"]);
    assert.deepEqual(account.deleted, ["old@example.com"]);
    const bad = await callLegacy(app.url, "/verify/add", "GET", { email: "nope" }, auth);
    assertJson(bad, 400);
    assert.match((bad.json as { message: string }).message, /^email: /);
  });

  it("turns SES failures into 4xx and 5xx answers", async () => {
    const cases: Array<[AppError, number]> = [
      [new AppError("unavailable", "SES NetworkError: down"), 503],
      [new AppError("failed_precondition", "SES AccessDenied: no"), 409],
      [new AppError("invalid_argument", "SES InvalidParameterValue: bad"), 400],
    ];
    try {
      for (const [err, status] of cases) {
        account.failWith = err;
        for (const path of ["/quota", "/statistics", "/verify"]) {
          const res = await callLegacy(app.url, path, "GET", {}, auth);
          assertJson(res, status);
          assert.deepEqual(res.json, { status: "error", message: err.message, code: err.code });
        }
      }
    } finally {
      account.failWith = undefined;
    }
  });
});

describe("the original HTTP routes at their limits", () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp(
      {
        ASYNCSES_API_KEYS: KEY,
        ASYNCSES_OUTBOX_MAXSIZE: "1",
        ASYNCSES_MAX_REQUEST_SIZE: "64KB",
        ASYNCSES_SHUTDOWN_TIMEOUT: "200ms",
      },
      { gate: closedGate() },
    );
  });
  after(() => app.dispose());

  it("answers 413 for a body over the request size, and 503 with Retry-After when full", async () => {
    const big = await callLegacy(app.url, "/add", "POST form", {
      ...MESSAGE,
      key: KEY,
      text: "x".repeat(70 * 1024),
    });
    assertJson(big, 413);
    assert.equal((big.json as { code: string }).code, "resource_exhausted");
    const first = await callLegacy(app.url, "/add", "GET", { ...MESSAGE, key: KEY });
    assertJson(first);
    const full = await callLegacy(app.url, "/add", "GET", { ...MESSAGE, key: KEY });
    assertJson(full, 503);
    assert.equal(full.headers["retry-after"], "1");
    assert.match((full.json as { message: string }).message, /outbox is full/);
  });

  it("answers 413 at once when Content-Length is over the limit", async () => {
    const res = await h1Request(app.url, {
      method: "POST",
      path: `/add?key=${KEY}`,
      headers: { "content-type": "application/json", "content-length": 10_000_000 },
      body: "{}",
    });
    // The server answers before the (never sent) rest of the body, then closes the connection.
    assertJson(res, 413);
    assert.equal(res.headers.connection, "close");
  });
});
