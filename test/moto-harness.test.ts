// @aws-sdk/client-ses against moto's SES (scripts/moto.sh install): what the service's own moto
// tests will build on. moto's quirks are listed in test/support/moto.ts.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  GetIdentityVerificationAttributesCommand,
  GetSendQuotaCommand,
  GetSendStatisticsCommand,
  ListIdentitiesCommand,
  MessageRejected,
  SESClient,
  SendEmailCommand,
  SendRawEmailCommand,
  VerifyEmailIdentityCommand,
} from "@aws-sdk/client-ses";
import { MOTO_MISSING, type Moto, startMoto } from "./support/moto.ts";

const SENDER = "sender@example.com";

function rawWithAttachment(): { raw: string; attachment: Buffer } {
  const attachment = Buffer.from("id,name\n1,Ada\n2,Grace\n");
  const boundary = "b1_asyncses_test";
  const raw = [
    `From: "Reports" <${SENDER}>`,
    "To: ada@example.org",
    "Cc: grace@example.org",
    "Subject: Monthly report",
    "Message-ID: <report-1@example.com>",
    "MIME-Version: 1.0",
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    "Content-Type: text/plain; charset=UTF-8",
    "",
    "The report is attached.",
    `--${boundary}`,
    'Content-Type: text/csv; name="report.csv"',
    'Content-Disposition: attachment; filename="report.csv"',
    "Content-Transfer-Encoding: base64",
    "",
    attachment.toString("base64"),
    `--${boundary}--`,
    "",
  ].join("\r\n");
  return { raw, attachment };
}

describe("moto harness", () => {
  let moto: Moto | undefined;
  let ses: SESClient;

  before(async () => {
    moto = await startMoto();
    if (moto === undefined) return;
    ses = new SESClient({
      endpoint: moto.url,
      region: "us-east-1",
      credentials: { accessKeyId: "x", secretAccessKey: "y" },
      maxAttempts: 1,
    });
  });
  after(async () => {
    await moto?.stop();
  });

  test("an unverified sender is rejected", async (t) => {
    if (moto === undefined) return t.skip(MOTO_MISSING);
    const err = await ses
      .send(
        new SendEmailCommand({
          Source: "stranger@example.net",
          Destination: { ToAddresses: ["to@example.org"] },
          Message: { Subject: { Data: "hi" }, Body: { Text: { Data: "hello" } } },
        }),
      )
      .then(
        () => assert.fail("moto accepted an unverified sender"),
        (e: unknown) => e as MessageRejected,
      );
    assert.ok(err instanceof MessageRejected);
    assert.equal(err.name, "MessageRejected");
    assert.equal(err.message, "Email address not verified stranger@example.net");
    assert.equal(err.$metadata.httpStatusCode, 400);

    const raw = await ses
      .send(
        new SendRawEmailCommand({
          RawMessage: {
            Data: Buffer.from("From: stranger@example.net\r\nTo: to@example.org\r\n\r\nx"),
          },
        }),
      )
      .then(
        () => assert.fail("moto accepted an unverified raw sender"),
        (e: unknown) => e as MessageRejected,
      );
    assert.equal(raw.name, "MessageRejected");
    assert.equal(raw.message, "Did not have authority to send from email stranger@example.net");
  });

  test("VerifyEmailIdentity, then ListIdentities and attributes", async (t) => {
    if (moto === undefined) return t.skip(MOTO_MISSING);
    await ses.send(new VerifyEmailIdentityCommand({ EmailAddress: SENDER }));
    const list = await ses.send(new ListIdentitiesCommand({}));
    assert.deepEqual(list.Identities, [SENDER]);
    const attrs = await ses.send(
      new GetIdentityVerificationAttributesCommand({ Identities: [SENDER] }),
    );
    // moto: Success at once (real SES: Pending until the link in the mail is followed).
    assert.equal(attrs.VerificationAttributes?.[SENDER]?.VerificationStatus, "Success");
  });

  test("SendEmail from the verified sender", async (t) => {
    if (moto === undefined) return t.skip(MOTO_MISSING);
    const out = await ses.send(
      new SendEmailCommand({
        Source: SENDER,
        Destination: { ToAddresses: ["to@example.org"], BccAddresses: ["audit@example.org"] },
        Message: { Subject: { Data: "Welcome" }, Body: { Text: { Data: "Hello there" } } },
      }),
    );
    assert.match(
      out.MessageId ?? "",
      /^[a-z]{16}-[a-z]{8}-[a-z]{4}-[a-z]{4}-[a-z]{4}-[a-z]{12}-[a-z]{6}$/,
    );
    const sent = await moto.sent();
    const message = sent.messages.find((m) => m.id === out.MessageId);
    assert.ok(message);
    assert.equal(message.subject, "Welcome");
    assert.deepEqual(message.destinations.BccAddresses, ["audit@example.org"]);
  });

  test("SendRawEmail with an attachment", async (t) => {
    if (moto === undefined) return t.skip(MOTO_MISSING);
    const { raw, attachment } = rawWithAttachment();
    const out = await ses.send(new SendRawEmailCommand({ RawMessage: { Data: Buffer.from(raw) } }));
    assert.ok(out.MessageId);
    const stored = (await moto.sent()).raw.find((m) => m.id === out.MessageId);
    assert.ok(stored);
    assert.equal(stored.raw_data, raw);
    assert.equal(stored.source, SENDER);
    // No Destinations given: moto, like SES, takes the To/Cc/Bcc headers.
    assert.deepEqual(stored.destinations, ["ada@example.org", "grace@example.org"]);
    assert.ok(stored.raw_data.includes(attachment.toString("base64")));
  });

  test("GetSendQuota and GetSendStatistics", async (t) => {
    if (moto === undefined) return t.skip(MOTO_MISSING);
    const quota = await ses.send(new GetSendQuotaCommand({}));
    // Fixed sandbox numbers; SentLast24Hours counts recipients: 2 (SendEmail) + 2 (raw To+Cc).
    assert.deepEqual([quota.Max24HourSend, quota.MaxSendRate, quota.SentLast24Hours], [200, 1, 4]);
    const stats = await ses.send(new GetSendStatisticsCommand({}));
    assert.equal(stats.SendDataPoints?.length, 1);
    const point = stats.SendDataPoints?.[0];
    assert.equal(point?.DeliveryAttempts, 4);
    assert.ok(point?.Timestamp instanceof Date);
  });

  test("reset forgets everything", async (t) => {
    if (moto === undefined) return t.skip(MOTO_MISSING);
    await moto.reset();
    assert.deepEqual((await ses.send(new ListIdentitiesCommand({}))).Identities, []);
    assert.equal((await ses.send(new GetSendQuotaCommand({}))).SentLast24Hours, 0);
  });
});
