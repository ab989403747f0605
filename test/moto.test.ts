import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { pino } from "pino";
import { MessageState } from "../gen/ts/asyncses/v1/message_pb.js";
import { type App, startApp } from "../src/app.ts";
import { loadConfig } from "../src/config/config.ts";
import { waitForFinal } from "./support/app.ts";
import { connectClients } from "./support/clients.ts";
import { MOTO_MISSING, type Moto, startMoto } from "./support/moto.ts";
import { sesEnv } from "./support/ses-env.ts";

// moto (PyPI moto[server]) is a third-party SES emulator: these tests check that what the
// service sends is understood by an implementation that is not ours.
describe("the ses sender against moto", () => {
  let moto: Moto | undefined;
  let app: App;
  before(async () => {
    moto = await startMoto();
    if (!moto) return;
    app = await startApp(
      loadConfig({ ...sesEnv(moto.url), ASYNCSES_PORT: "0", ASYNCSES_STORE: "memory" }),
      {
        logger: pino({ level: "silent" }),
      },
    );
  });
  after(async () => {
    await app?.dispose();
    await moto?.stop();
  });

  const finalState = (id: string) => waitForFinal(connectClients(app.url, "grpc"), id);

  test("send, raw send with an attachment, and an unverified sender rejected with SES's reason", async (t) => {
    if (!moto) return t.skip(MOTO_MISSING);
    const c = connectClients(app.url, "grpc");
    await c.identity.verifyEmail({ email: "sender@example.com" });

    const plain = await finalState(
      (
        await c.mail.send({
          from: "sender@example.com",
          to: ["a@example.com"],
          subject: "moto plain",
          text: "hi",
        })
      ).id,
    );
    assert.equal(plain?.state, MessageState.SENT);
    assert.ok(plain?.sesMessageId);

    const raw = await finalState(
      (
        await c.mail.send({
          from: "sender@example.com",
          to: ["a@example.com"],
          subject: "moto raw",
          text: "attached",
          attachments: [
            {
              filename: "a.txt",
              contentType: "text/plain",
              content: new TextEncoder().encode("file body"),
            },
          ],
        })
      ).id,
    );
    assert.equal(raw?.state, MessageState.SENT);

    const sent = await moto.sent();
    assert.ok(
      sent.messages.some((m) => m.id === plain?.sesMessageId && m.subject === "moto plain"),
    );
    const rawRecord = sent.raw.find((m) => m.id === raw?.sesMessageId);
    assert.ok(rawRecord, "moto recorded the raw message");
    assert.match(rawRecord.raw_data, /filename=a\.txt/);
    assert.match(rawRecord.raw_data, /Subject: moto raw/);

    const rejected = await finalState(
      (
        await c.mail.send({
          from: "stranger@example.com",
          to: ["a@example.com"],
          subject: "x",
          text: "y",
        })
      ).id,
    );
    assert.equal(rejected?.state, MessageState.FAILED);
    assert.equal(rejected?.attempts, 1);
    assert.equal(rejected?.lastError?.code, "MessageRejected");
    assert.match(rejected?.lastError?.message ?? "", /not verified.*stranger@example\.com/);
  });

  test("quota, statistics and identities", async (t) => {
    if (!moto) return t.skip(MOTO_MISSING);
    const c = connectClients(app.url, "connect");
    const q = await c.account.quota({});
    assert.equal(q.max24HourSend, 200);
    assert.equal(q.maxSendRate, 1);
    const stats = await c.account.statistics({});
    assert.ok(stats.dataPoints.length >= 1);
    await c.identity.verifyEmail({ email: "other@example.com" });
    const ids = await c.identity.listIdentities({});
    const other = ids.identities.find((i) => i.identity === "other@example.com");
    assert.ok(other, "the verified address is listed");
    await c.identity.deleteIdentity({ identity: "other@example.com" });
    assert.ok(
      !(await c.identity.listIdentities({})).identities.some(
        (i) => i.identity === "other@example.com",
      ),
    );
  });
});
