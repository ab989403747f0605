import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { pino } from "pino";
import { startTestApp, type TestApp } from "./support/app.ts";
import { createFakeAccount, type FakeAccount } from "./support/fake-account.ts";
import { callLegacy, VIAS } from "./support/legacy-client.ts";
import { h1Request, h2Connect } from "./support/raw-http.ts";

const KEY = "legacy-auth-key-0123456789abc";
const LIMITED = "legacy-limited-key-0123456789";
const ROUTES = [
  "/add",
  "/status",
  "/quota",
  "/statistics",
  "/verify",
  "/verify/add",
  "/verify/del",
];
const MESSAGE = { from: "a@example.org", to: "b@example.com", subject: "s", text: "t" };
const PARAMS: Record<string, Record<string, string>> = {
  "/add": MESSAGE,
  "/verify/add": { email: "x@example.org" },
  "/verify/del": { email: "x@example.org" },
};

describe("API keys on the original HTTP routes", () => {
  let app: TestApp;
  let account: FakeAccount;
  let logs = "";
  before(async () => {
    account = createFakeAccount();
    const sink = new Writable({
      write(chunk, _enc, done) {
        logs += chunk;
        done();
      },
    });
    app = await startTestApp(
      { ASYNCSES_API_KEYS: `${KEY},${LIMITED}:@example.org` },
      { account, logger: pino({ level: "trace" }, sink) },
    );
  });
  after(() => app.dispose());

  const messages = async () => {
    const c = await app.services.store.counts(Date.now());
    return c.queued + c.sending + c.sent + c.failed + c.cancelled;
  };

  for (const route of ROUTES) {
    it(`${route}: no key and a wrong key get 401 and change nothing`, async () => {
      const before = await messages();
      const calls = account.verified.length + account.deleted.length;
      const params = PARAMS[route] ?? {};
      for (const via of VIAS) {
        const attempts = [
          await callLegacy(app.url, route, via, params),
          await callLegacy(app.url, route, via, { ...params, key: "wrong-key-0123456789abc" }),
          await callLegacy(app.url, route, via, params, {
            authorization: "Bearer wrong-key-0123456789",
          }),
          await callLegacy(app.url, route, via, params, { authorization: `Basic ${KEY}` }),
        ];
        for (const res of attempts) {
          assert.equal(res.status, 401, `${via}: ${res.text}`);
          assert.equal(res.headers["www-authenticate"], 'Bearer realm="asyncses"');
          assert.equal((res.json as { code: string }).code, "unauthenticated");
        }
      }
      assert.equal(await messages(), before);
      assert.equal(account.verified.length + account.deleted.length, calls);
    });

    it(`${route}: the right key in the header or as the key parameter is let in`, async () => {
      for (const via of VIAS) {
        const params = PARAMS[route] ?? {};
        const byParam = await callLegacy(app.url, route, via, { ...params, key: KEY });
        assert.equal(byParam.status, 200, `${via}: ${byParam.text}`);
        const byHeader = await callLegacy(app.url, route, via, params, {
          authorization: `Bearer ${KEY}`,
        });
        assert.equal(byHeader.status, 200, `${via}: ${byHeader.text}`);
      }
    });
  }

  it("a key limited to senders gets 403 for other senders and identities", async () => {
    const auth = { authorization: `Bearer ${LIMITED}` };
    assert.equal((await callLegacy(app.url, "/add", "GET", MESSAGE, auth)).status, 200);
    const other = await callLegacy(
      app.url,
      "/add",
      "POST form",
      { ...MESSAGE, from: "a@example.com" },
      auth,
    );
    assert.equal(other.status, 403);
    assert.deepEqual(other.json, {
      status: "error",
      message: "from: this API key may not send from a@example.com; it may send from @example.org",
      code: "permission_denied",
    });
    const verify = await callLegacy(
      app.url,
      "/verify/add",
      "GET",
      { email: "x@example.com" },
      auth,
    );
    assert.equal(verify.status, 403);
  });

  it("never logs a key", async () => {
    await callLegacy(app.url, "/add", "GET", { ...MESSAGE, key: KEY, from: "bad" });
    await callLegacy(app.url, "/status", "GET", {}, { authorization: `Bearer ${KEY}x` });
    await h1Request(app.url, { path: `/nothing?key=${KEY}` });
    assert.ok(!logs.includes(KEY));
    assert.ok(!logs.includes(LIMITED));
  });
});

describe("a server without keys", () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.dispose());

  it("serves requests from this machine without a key", async () => {
    for (const host of ["localhost", "127.0.0.1", "[::1]:3000", `127.0.0.1:${app.port}`]) {
      const res = await h1Request(app.url, { path: "/status", headers: { host } });
      assert.equal(res.status, 200, host);
    }
    const res = await h1Request(app.url, {
      path: "/status",
      headers: { origin: `http://localhost:${app.port}`, "sec-fetch-site": "same-origin" },
    });
    assert.equal(res.status, 200);
  });

  it("refuses requests for other host names (DNS rebinding) and from other sites", async () => {
    const cases: Array<Record<string, string>> = [
      { host: "evil.example" },
      { host: "evil.example:3000" },
      { host: "127.0.0.1.evil.example" },
      { origin: "https://evil.example" },
      { origin: "null" },
      { "sec-fetch-site": "cross-site" },
    ];
    for (const headers of cases) {
      const res = await h1Request(app.url, {
        path: "/add?from=a@example.com&to=b@example.com&subject=s&text=t",
        headers,
      });
      assert.equal(res.status, 403, JSON.stringify(headers));
      assert.equal((JSON.parse(res.text) as { code: string }).code, "permission_denied");
    }
    assert.equal(app.sender.sent.length, 0);
    const counts = await app.services.store.counts(Date.now());
    assert.equal(counts.queued + counts.sending + counts.sent, 0);
  });

  it("refuses RPCs addressed to another host over HTTP/2", async () => {
    const h2 = h2Connect(app.url);
    try {
      const res = await h2.request({
        path: "/asyncses.v1.OutboxService/Status",
        headers: { ":authority": "evil.example", "content-type": "application/json" },
        body: "{}",
      });
      assert.equal(res.status, 403);
      const ok = await h2.request({
        path: "/asyncses.v1.OutboxService/Status",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      assert.equal(ok.status, 200);
    } finally {
      await h2.close();
    }
  });
});
