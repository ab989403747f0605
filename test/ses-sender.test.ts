import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Code, ConnectError } from "@connectrpc/connect";
import { pino } from "pino";
import { MessageState } from "../gen/ts/asyncses/v1/message_pb.js";
import type { App } from "../src/app.ts";
import { startApp } from "../src/app.ts";
import { loadConfig } from "../src/config/config.ts";
import { waitForFinal } from "./support/app.ts";
import { connectClients } from "./support/clients.ts";
import { createFakeSes, type FakeSes } from "./support/fake-ses/index.ts";
import { sesEnv } from "./support/ses-env.ts";

describe("the ses sender against the fake SES", () => {
  let fake: FakeSes;
  let app: App;
  before(async () => {
    fake = await createFakeSes({ identities: ["sender@example.com"] });
    const env = sesEnv(fake.url);
    app = await startApp(loadConfig({ ...env, ASYNCSES_PORT: "0", ASYNCSES_STORE: "memory" }), {
      logger: pino({ level: "silent" }),
    });
  });
  after(async () => {
    await app.dispose();
    await fake.close();
  });

  const deliver = async (req: Parameters<ReturnType<typeof connectClients>["mail"]["send"]>[0]) => {
    const c = connectClients(app.url, "connect");
    const { id } = await c.mail.send(req);
    const msg = await waitForFinal(c, id);
    const record = fake.received.find(
      (r) => r.messageId !== undefined && r.messageId === msg?.sesMessageId,
    );
    return { msg, record };
  };

  test("a plain message goes through SendEmail with its fields, Unicode names encoded", async () => {
    const { msg, record } = await deliver({
      from: "Zoë Sender <sender@example.com>",
      to: ["a@example.com", "B <b@example.com>"],
      cc: ["c@example.com"],
      bcc: ["d@example.com"],
      replyTo: ["reply@example.com"],
      subject: "Grüße aus Köln ✓",
      text: "hello",
      html: "<p>hello</p>",
      tags: [{ name: "campaign", value: "c1" }],
    });
    assert.equal(msg?.state, MessageState.SENT);
    assert.equal(record?.action, "SendEmail");
    assert.equal(record?.subject, "Grüße aus Köln ✓");
    assert.equal(record?.recipients, 4);
    assert.equal(record?.text, "hello");
    assert.equal(record?.html, "<p>hello</p>");
    assert.match(record?.source ?? "", /sender@example\.com/);
  });

  test("headers or attachments go through SendRawEmail, built as MIME; Bcc is a destination, not a header", async () => {
    const { msg, record } = await deliver({
      from: "sender@example.com",
      to: ["a@example.com"],
      bcc: ["hidden@example.com"],
      subject: "Отчёт за март",
      text: "see attached",
      html: '<p>logo: <img src="cid:logo1"></p>',
      headers: { "List-Unsubscribe": "<mailto:unsub@example.com>" },
      attachments: [
        {
          filename: "report.csv",
          contentType: "text/csv",
          content: new TextEncoder().encode("a,b\n1,2\n"),
        },
        {
          filename: "logo.png",
          contentType: "image/png",
          content: new Uint8Array([137, 80, 78, 71]),
          contentId: "logo1",
        },
      ],
    });
    assert.equal(msg?.state, MessageState.SENT);
    assert.equal(record?.action, "SendRawEmail");
    assert.deepEqual(record?.destinations, ["a@example.com", "hidden@example.com"]);
    const raw = record?.raw ?? "";
    assert.match(raw, /^List-Unsubscribe: <mailto:unsub@example\.com>\r$/m);
    assert.match(raw, /^Subject: =\?UTF-8\?[BQ]\?/m, "the Unicode subject is an encoded word");
    assert.doesNotMatch(raw, /hidden@example\.com/, "Bcc never appears in the message");
    assert.match(raw, /filename=report\.csv/);
    assert.match(raw, /Content-Id: <logo1>/i);
    assert.match(raw, /\r\n/);
    assert.equal(record?.subject, "Отчёт за март");
  });

  test("an unverified sender is failed with SES's reason after one attempt", async () => {
    await fake.configure({ sandbox: true });
    try {
      const { msg } = await deliver({
        from: "nobody@unverified.example",
        to: ["a@example.com"],
        subject: "x",
        text: "y",
      });
      assert.equal(msg?.state, MessageState.FAILED);
      assert.equal(msg?.attempts, 1);
      assert.equal(msg?.lastError?.code, "MessageRejected");
      assert.match(msg?.lastError?.message ?? "", /not verified/);
    } finally {
      await fake.configure({ sandbox: false });
    }
  });

  test("Quota, Statistics and identities come from SES", async () => {
    const c = connectClients(app.url, "grpc");
    const q = await c.account.quota({});
    assert.ok(q.max24HourSend > 0);
    assert.ok(q.maxSendRate > 0);
    assert.ok(q.sentLast24Hours >= 2);
    const s = await c.account.statistics({});
    assert.ok(s.dataPoints.length >= 1);
    await c.identity.verifyEmail({ email: "new@example.com" });
    const list = await c.identity.listIdentities({});
    assert.ok(list.identities.some((i) => i.identity === "new@example.com"));
    await c.identity.deleteIdentity({ identity: "new@example.com" });
    const after = await c.identity.listIdentities({});
    assert.ok(!after.identities.some((i) => i.identity === "new@example.com"));
    await assert.rejects(
      c.identity.verifyEmail({ email: "not an address" }),
      (e: unknown) => e instanceof ConnectError && e.code === Code.InvalidArgument,
    );
  });
});
