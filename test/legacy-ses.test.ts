import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { App } from "../src/app.ts";
import { startSesTestApp, waitFor } from "./support/app.ts";
import { createFakeSes, type FakeSes } from "./support/fake-ses/index.ts";
import { callLegacy } from "./support/legacy-client.ts";

const KEY = "legacy-ses-key-0123456789abcd";
const AUTH = { authorization: `Bearer ${KEY}` };

describe("the original HTTP routes over SES (the fake SES)", () => {
  let fake: FakeSes;
  let app: App;
  before(async () => {
    fake = await createFakeSes({
      identities: ["ok@example.com", "example.org"],
      autoVerify: false,
      sentLast24Hours: 12,
      max24HourSend: 200,
      maxSendRate: 5,
    });
    fake.verify("pending@example.com", "Pending");
    app = await startSesTestApp(fake.url, { ASYNCSES_API_KEYS: KEY });
  });
  after(async () => {
    await app.dispose();
    await fake.close();
  });

  it("/add sends through SES, and /status and /statistics count it", async () => {
    const res = await callLegacy(
      app.url,
      "/add",
      "POST form",
      { from: "ok@example.com", to: "a@example.net, b@example.net", subject: "s", text: "t" },
      AUTH,
    );
    assert.equal(res.status, 200, res.text);
    await waitFor(() => fake.deliveries().length === 1);
    assert.deepEqual([...(fake.deliveries()[0]?.destinations ?? [])].sort(), [
      "a@example.net",
      "b@example.net",
    ]);
    await waitFor(async () => {
      const status = (await callLegacy(app.url, "/status", "GET", {}, AUTH)).json as {
        sent: string;
      };
      return status.sent === "1";
    });
    const stats = (await callLegacy(app.url, "/statistics", "GET", {}, AUTH)).json as Array<
      Record<string, string>
    >;
    assert.ok(stats.length >= 1);
    const last = stats[stats.length - 1];
    assert.match(last?.Timestamp ?? "", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // SES counts recipients, not messages.
    assert.equal(last?.DeliveryAttempts, "2");
    for (const k of ["Bounces", "Complaints", "Rejects"]) assert.equal(typeof last?.[k], "string");
  });

  it("/quota gives SES's quota with the original keys", async () => {
    const res = await callLegacy(app.url, "/quota", "POST json", {}, AUTH);
    const q = res.json as Record<string, number>;
    assert.equal(q["max-24h-send"], 200);
    assert.equal(q["max-send-rate"], 5);
    assert.ok((q["sent-last-24h"] ?? 0) >= 12);
  });

  it("/verify lists verified addresses; /verify/add and /verify/del change SES's identities", async () => {
    const listed = await callLegacy(app.url, "/verify", "GET", {}, AUTH);
    assert.deepEqual(listed.json, ["ok@example.com"]);
    const added = await callLegacy(
      app.url,
      "/verify/add",
      "GET",
      { email: "new@example.com" },
      AUTH,
    );
    assert.equal(added.status, 200, added.text);
    assert.equal((added.json as { status: string }).status, "ok");
    assert.match((added.json as { message: string }).message, /\S/);
    assert.equal(
      fake.identities().find((i) => i.identity === "new@example.com")?.status,
      "Pending",
    );
    const removed = await callLegacy(
      app.url,
      "/verify/del",
      "POST form",
      { email: "ok@example.com" },
      AUTH,
    );
    assert.equal(removed.status, 200, removed.text);
    assert.ok(!fake.identities().some((i) => i.identity === "ok@example.com"));
    assert.deepEqual((await callLegacy(app.url, "/verify", "GET", {}, AUTH)).json, []);
  });

  it("an SES failure is a 5xx answer with SES's words", async () => {
    fake.inject({ kind: "status", status: 503 }, { actions: ["GetSendQuota"] });
    const res = await callLegacy(app.url, "/quota", "GET", {}, AUTH);
    assert.equal(res.status, 503);
    assert.equal(res.headers["retry-after"], "1");
    const body = res.json as { status: string; code: string; message: string };
    assert.equal(body.status, "error");
    assert.equal(body.code, "unavailable");
    assert.match(body.message, /^SES /);
  });
});
