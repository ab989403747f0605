// The fake SES driven by the real @aws-sdk/client-ses: every action, the error names the SDK
// produces, rate and quota enforcement, pause, each fault, and the CLI process mode.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AccountSendingPausedException,
  DeleteIdentityCommand,
  GetIdentityVerificationAttributesCommand,
  GetSendQuotaCommand,
  GetSendStatisticsCommand,
  ListIdentitiesCommand,
  MessageRejected,
  SESClient,
  SESServiceException,
  SendEmailCommand,
  type SendEmailCommandInput,
  SendRawEmailCommand,
  VerifyEmailIdentityCommand,
} from "@aws-sdk/client-ses";
import {
  createFakeSes,
  type FakeSes,
  type FakeSesOptions,
  header,
  startFakeSesProcess,
} from "./support/fake-ses/index.ts";

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

function client(url: string, requestTimeout?: number): SESClient {
  return new SESClient({
    endpoint: url,
    region: "us-east-1",
    credentials: { accessKeyId: "x", secretAccessKey: "y" },
    maxAttempts: 1,
    // Without throwOnRequestTimeout, requestTimeout only logs a warning (smithy node-http-handler).
    ...(requestTimeout === undefined
      ? {}
      : { requestHandler: { requestTimeout, throwOnRequestTimeout: true } }),
  });
}

/** A fake whose clock stands still unless the test moves it (fake.advanceClock). */
async function frozenFake(
  options: FakeSesOptions = {},
): Promise<{ fake: FakeSes; ses: SESClient }> {
  const fake = await createFakeSes({ now: () => T0, ...options });
  return { fake, ses: client(fake.url) };
}

function email(
  subject: string,
  to: string[] = ["to@example.com"],
  from = "from@example.com",
): SendEmailCommandInput {
  return {
    Source: from,
    Destination: { ToAddresses: to },
    Message: { Subject: { Data: subject }, Body: { Text: { Data: `body of ${subject}` } } },
  };
}

/** Awaits a rejection and returns the error, asserting its name (and message, when given). */
async function rejection(
  promise: Promise<unknown>,
  name: string,
  message?: string | RegExp,
): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (err) {
    const e = err as Error & Record<string, unknown>;
    assert.equal(e.name, name, `error name (message: ${e.message})`);
    if (typeof message === "string") assert.equal(e.message, message);
    else if (message !== undefined) assert.match(e.message, message);
    return e;
  }
  assert.fail(`expected ${name}, but the call succeeded`);
}

const status = (e: Record<string, unknown>) =>
  (e.$metadata as { httpStatusCode?: number } | undefined)?.httpStatusCode;

describe("wire format", () => {
  let fake: FakeSes;
  before(async () => {
    fake = await createFakeSes();
  });
  after(() => fake.close());

  test("SendEmail reply and error XML are SES's", async () => {
    const post = (body: string) =>
      fetch(fake.url, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body,
      });
    const ok = await post(
      "Action=SendEmail&Version=2010-12-01&Source=a%40b.com&Destination.ToAddresses.member.1=c%40d.com&Message.Subject.Data=s&Message.Body.Text.Data=t",
    );
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get("content-type"), "text/xml");
    const requestId = ok.headers.get("x-amzn-requestid");
    const xml = await ok.text();
    assert.match(
      xml,
      /^<SendEmailResponse xmlns="http:\/\/ses\.amazonaws\.com\/doc\/2010-12-01\/"><SendEmailResult><MessageId>0100[0-9a-f]{12}-[0-9a-f-]{36}-000000<\/MessageId><\/SendEmailResult><ResponseMetadata><RequestId>([0-9a-f-]{36})<\/RequestId><\/ResponseMetadata><\/SendEmailResponse>$/,
    );
    assert.ok(xml.includes(`<RequestId>${requestId}</RequestId>`));

    const bad = await post("Action=SendBounce&Version=2010-12-01");
    assert.equal(bad.status, 400);
    assert.match(
      await bad.text(),
      /^<ErrorResponse xmlns="http:\/\/ses\.amazonaws\.com\/doc\/2010-12-01\/"><Error><Type>Sender<\/Type><Code>InvalidAction<\/Code><Message>The action SendBounce is not valid for this web service\.<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/,
    );
  });

  test("text is escaped", async () => {
    const ses = client(fake.url);
    fake.inject({ kind: "rejected", message: `<b> & "q"` });
    await rejection(ses.send(new SendEmailCommand(email("x"))), "MessageRejected", `<b> & "q"`);
  });
});

describe("actions round-trip through the SDK", () => {
  let fake: FakeSes;
  let ses: SESClient;
  before(async () => {
    ({ fake, ses } = await frozenFake({ identities: ["example.com"] }));
  });
  after(() => fake.close());

  test("SendEmail records the message", async () => {
    const input = email("hello", ["a@x.com"]);
    input.Destination = {
      ToAddresses: ["a@x.com"],
      CcAddresses: ['"B" <b@x.com>'],
      BccAddresses: ["c@x.com"],
    };
    input.Message = {
      Subject: { Data: "hello" },
      Body: { Text: { Data: "plain" }, Html: { Data: "<p>html</p>" } },
    };
    const out = await ses.send(new SendEmailCommand(input));
    const record = fake.deliveries().at(-1);
    assert.ok(record);
    assert.equal(out.MessageId, record.messageId);
    assert.equal(out.$metadata.requestId, record.requestId);
    assert.deepEqual(
      {
        action: record.action,
        source: record.source,
        destinations: record.destinations,
        recipients: record.recipients,
      },
      {
        action: "SendEmail",
        source: "from@example.com",
        destinations: ["a@x.com", "b@x.com", "c@x.com"],
        recipients: 3,
      },
    );
    assert.equal(record.subject, "hello");
    assert.equal(record.text, "plain");
    assert.equal(record.html, "<p>html</p>");
    assert.equal(record.time, T0);
  });

  test("SendRawEmail decodes the MIME, with and without Destinations", async () => {
    const raw = [
      'From: "Sender" <from@example.com>',
      'To: "Doe, Jane" <jane@x.com>, joe@x.com',
      "Cc: team: ann@x.com, bob@x.com;",
      "Subject: =?UTF-8?B?w4l0w6kgcmVwb3J0?=",
      "Message-ID: <m-1@example.com>",
      "X-Custom: kept",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=UTF-8",
      "",
      "Hello",
    ].join("\r\n");
    const a = await ses.send(new SendRawEmailCommand({ RawMessage: { Data: Buffer.from(raw) } }));
    const ra = fake.deliveries().at(-1);
    assert.ok(ra);
    assert.equal(a.MessageId, ra.messageId);
    assert.equal(ra.action, "SendRawEmail");
    assert.equal(ra.source, "from@example.com");
    assert.deepEqual(ra.destinations, ["jane@x.com", "joe@x.com", "ann@x.com", "bob@x.com"]);
    assert.equal(ra.subject, "Été report");
    assert.equal(ra.headerMessageId, "<m-1@example.com>");
    assert.equal(ra.raw, raw);
    assert.equal(header(ra.raw ?? "", "x-custom"), "kept");

    await ses.send(
      new SendRawEmailCommand({
        Source: "bounce@example.com",
        Destinations: ["only@x.com"],
        RawMessage: { Data: Buffer.from(raw) },
      }),
    );
    const rb = fake.deliveries().at(-1);
    assert.equal(rb?.source, "bounce@example.com");
    assert.deepEqual(rb?.destinations, ["only@x.com"]);
  });

  test("invalid sends get SES's validation errors", async () => {
    const e = await rejection(
      ses.send(new SendEmailCommand(email("x", ["no-at-sign"]))),
      "InvalidParameterValue",
      "Missing final '@domain'",
    );
    assert.equal(status(e), 400);
    const many = Array.from({ length: 51 }, (_, i) => `r${i}@x.com`);
    await rejection(
      ses.send(new SendEmailCommand(email("x", many))),
      "InvalidParameterValue",
      "Recipient count exceeds 50.",
    );
    await rejection(
      ses.send(
        new SendRawEmailCommand({
          RawMessage: { Data: Buffer.from("To: a@x.com\r\n\r\nno from") },
        }),
      ),
      "InvalidParameterValue",
      "Missing required header 'From'.",
    );
    assert.equal(fake.received.at(-1)?.outcome, "invalid");
  });

  test("identities: verify, list, attributes, delete", async () => {
    await ses.send(new VerifyEmailIdentityCommand({ EmailAddress: "sender@other.org" }));
    const all = await ses.send(new ListIdentitiesCommand({}));
    assert.deepEqual(all.Identities, ["example.com", "sender@other.org"]);
    const emails = await ses.send(new ListIdentitiesCommand({ IdentityType: "EmailAddress" }));
    assert.deepEqual(emails.Identities, ["sender@other.org"]);
    const paged = await ses.send(new ListIdentitiesCommand({ MaxItems: 1 }));
    assert.deepEqual(paged.Identities, ["example.com"]);
    const page2 = await ses.send(
      new ListIdentitiesCommand({ MaxItems: 1, NextToken: paged.NextToken }),
    );
    assert.deepEqual(page2.Identities, ["sender@other.org"]);
    assert.equal(page2.NextToken, undefined);

    const attrs = await ses.send(
      new GetIdentityVerificationAttributesCommand({
        Identities: ["sender@other.org", "example.com", "unknown@x.com"],
      }),
    );
    assert.deepEqual(Object.keys(attrs.VerificationAttributes ?? {}).sort(), [
      "example.com",
      "sender@other.org",
    ]);
    assert.equal(attrs.VerificationAttributes?.["sender@other.org"]?.VerificationStatus, "Success");
    assert.equal(attrs.VerificationAttributes?.["sender@other.org"]?.VerificationToken, undefined);
    assert.equal(typeof attrs.VerificationAttributes?.["example.com"]?.VerificationToken, "string");

    fake.configure({ autoVerify: false });
    await ses.send(new VerifyEmailIdentityCommand({ EmailAddress: "pending@other.org" }));
    const pending = await ses.send(
      new GetIdentityVerificationAttributesCommand({ Identities: ["pending@other.org"] }),
    );
    assert.equal(
      pending.VerificationAttributes?.["pending@other.org"]?.VerificationStatus,
      "Pending",
    );
    fake.configure({ autoVerify: true });

    await ses.send(new DeleteIdentityCommand({ Identity: "sender@other.org" }));
    await ses.send(new DeleteIdentityCommand({ Identity: "pending@other.org" }));
    const left = await ses.send(new ListIdentitiesCommand({}));
    assert.deepEqual(left.Identities, ["example.com"]);
  });

  test("GetSendQuota and GetSendStatistics", async () => {
    const quota = await ses.send(new GetSendQuotaCommand({}));
    assert.deepEqual(
      { max: quota.Max24HourSend, rate: quota.MaxSendRate, sent: quota.SentLast24Hours },
      { max: 50000, rate: 14, sent: fake.sentLast24Hours() },
    );
    assert.ok((quota.SentLast24Hours ?? 0) >= 5);
    const stats = await ses.send(new GetSendStatisticsCommand({}));
    const points = stats.SendDataPoints ?? [];
    assert.equal(points.length, 1);
    assert.equal(points[0]?.DeliveryAttempts, fake.sentLast24Hours());
    assert.ok(points[0]?.Timestamp instanceof Date);
    assert.equal(points[0]?.Timestamp?.getTime(), T0 - (T0 % (15 * 60 * 1000)));
  });
});

describe("rate enforcement (recipients per second, one second of burst)", () => {
  test("over the rate → Throttling 'Maximum sending rate exceeded.', not delivered", async () => {
    const { fake, ses } = await frozenFake({ rate: 5 });
    try {
      const results = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) => ses.send(new SendEmailCommand(email(`m${i}`)))),
      );
      const failed = results.filter((r) => r.status === "rejected");
      assert.equal(results.length - failed.length, 5);
      for (const f of failed) {
        const e = (f as PromiseRejectedResult).reason as SESServiceException;
        assert.equal(e.name, "Throttling");
        assert.equal(e.message, "Maximum sending rate exceeded.");
        assert.equal(e.$metadata.httpStatusCode, 400);
        assert.equal(e.$fault, "client");
        assert.ok(e instanceof SESServiceException);
      }
      assert.equal(fake.deliveries().length, 5);
      assert.equal(fake.throttles, 7);
      assert.equal(fake.received.filter((r) => r.outcome === "throttled").length, 7);
      assert.equal(fake.busiestWindow(), 5);

      fake.advanceClock(400); // 2 tokens back
      await ses.send(new SendEmailCommand(email("a", ["1@x.com", "2@x.com"])));
      await rejection(ses.send(new SendEmailCommand(email("b"))), "Throttling");
      fake.advanceClock(1000);
      // A message larger than one second's worth still goes on a full bucket (then owes).
      await ses.send(
        new SendEmailCommand(
          email(
            "big",
            Array.from({ length: 10 }, (_, i) => `b${i}@x.com`),
          ),
        ),
      );
      fake.advanceClock(1000);
      await rejection(ses.send(new SendEmailCommand(email("c"))), "Throttling");
      fake.advanceClock(1000);
      await ses.send(new SendEmailCommand(email("d")));
      assert.equal(fake.busiestWindow(1000), 10);

      fake.configure({ rate: 0 }); // unlimited
      await Promise.all(
        Array.from({ length: 20 }, () => ses.send(new SendEmailCommand(email("u")))),
      );
    } finally {
      await fake.close();
    }
  });

  test("the real clock refills the bucket", async () => {
    const fake = await createFakeSes({ rate: 20 });
    const ses = client(fake.url);
    try {
      const start = Date.now();
      let sent = 0;
      while (Date.now() - start < 600) {
        try {
          await ses.send(new SendEmailCommand(email(`r${sent}`)));
          sent++;
        } catch {
          await new Promise((r) => setTimeout(r, 5));
        }
      }
      // 20 of burst + about 12 refilled in 600 ms.
      assert.ok(sent >= 22 && sent <= 36, `sent ${sent}`);
      assert.ok(fake.busiestWindow() <= 20 + 20, `busiest ${fake.busiestWindow()}`);
      assert.ok(fake.throttles > 0);
    } finally {
      await fake.close();
    }
  });
});

describe("quota", () => {
  test("reported quota may differ from what is enforced; daily limit; rolling 24 h", async () => {
    const { fake, ses } = await frozenFake({
      dailyLimit: 10,
      sentLast24Hours: 4,
      max24HourSend: 200,
      maxSendRate: 1,
      rate: 100,
    });
    try {
      const q0 = await ses.send(new GetSendQuotaCommand({}));
      assert.deepEqual([q0.Max24HourSend, q0.MaxSendRate, q0.SentLast24Hours], [200, 1, 4]);
      await ses.send(
        new SendEmailCommand(email("a", ["1@x.com", "2@x.com", "3@x.com", "4@x.com", "5@x.com"])),
      );
      fake.advanceClock(60 * 60 * 1000);
      await ses.send(new SendEmailCommand(email("b")));
      const e = await rejection(
        ses.send(new SendEmailCommand(email("c"))),
        "Throttling",
        "Daily message quota exceeded.",
      );
      assert.equal(status(e), 400);
      assert.equal(fake.stats().dailyThrottles, 1);
      assert.equal(fake.received.at(-1)?.outcome, "quota-exceeded");
      assert.equal((await ses.send(new GetSendQuotaCommand({}))).SentLast24Hours, 10);

      // 24 h after the seed and the first send, only "b" is left in the window.
      fake.advanceClock(23 * 60 * 60 * 1000);
      assert.equal((await ses.send(new GetSendQuotaCommand({}))).SentLast24Hours, 1);
      await ses.send(new SendEmailCommand(email("d", ["1@x.com", "2@x.com", "3@x.com"])));
      fake.advanceClock(60 * 60 * 1000);
      assert.equal(fake.sentLast24Hours(), 3);

      // Reported values follow the enforced ones when not set.
      fake.configure({ max24HourSend: undefined, maxSendRate: undefined });
      const q1 = await ses.send(new GetSendQuotaCommand({}));
      assert.deepEqual([q1.Max24HourSend, q1.MaxSendRate], [10, 100]);
    } finally {
      await fake.close();
    }
  });
});

describe("account paused", () => {
  test("AccountSendingPausedException until un-paused", async () => {
    const { fake, ses } = await frozenFake();
    try {
      fake.pause();
      const e = await rejection(
        ses.send(new SendEmailCommand(email("p"))),
        "AccountSendingPausedException",
        "Email sending is disabled for your entire Amazon SES account.",
      );
      assert.ok(e instanceof AccountSendingPausedException);
      assert.equal(status(e), 400);
      await rejection(
        ses.send(
          new SendRawEmailCommand({
            RawMessage: { Data: Buffer.from("From: a@x.com\r\nTo: b@x.com\r\n\r\n.") },
          }),
        ),
        "AccountSendingPausedException",
      );
      assert.equal(fake.deliveries().length, 0);
      assert.equal(fake.stats().paused, 2);

      fake.configure({ pausedAs: "MessageRejected" });
      const r = await rejection(
        ses.send(new SendEmailCommand(email("p"))),
        "MessageRejected",
        /^Sending paused for this account/,
      );
      assert.ok(r instanceof MessageRejected);

      fake.resume();
      await ses.send(new SendEmailCommand(email("p")));
      assert.equal(fake.deliveries().length, 1);
    } finally {
      await fake.close();
    }
  });
});

describe("faults", () => {
  let fake: FakeSes;
  let ses: SESClient;
  before(async () => {
    ({ fake, ses } = await frozenFake({ random: () => 0.25 }));
  });
  after(() => fake.close());

  test("5xx for the next N sends", async () => {
    fake.inject({ kind: "status", status: 503 }, { times: 2 });
    fake.inject({ kind: "status", status: 500 });
    for (let i = 0; i < 2; i++) {
      const e = await rejection(
        ses.send(new SendEmailCommand(email("s"))),
        "ServiceUnavailable",
        "The request has failed due to a temporary failure of the server.",
      );
      assert.equal(status(e), 503);
      assert.equal(e.$fault, "server");
    }
    const e = await rejection(ses.send(new SendEmailCommand(email("s"))), "InternalFailure");
    assert.equal(status(e), 500);
    await ses.send(new SendEmailCommand(email("s")));
    assert.equal(fake.deliveries().length, 1);
    assert.deepEqual(
      fake.received.slice(-4).map((r) => [r.outcome, r.errorCode]),
      [
        ["fault", "ServiceUnavailable"],
        ["fault", "ServiceUnavailable"],
        ["fault", "InternalFailure"],
        ["delivered", undefined],
      ],
    );
  });

  test("with a probability", async () => {
    const fires = fake.inject({ kind: "status", status: 503 }, { probability: 0.5 }); // random() = 0.25
    await rejection(ses.send(new SendEmailCommand(email("p"))), "ServiceUnavailable");
    await rejection(ses.send(new SendEmailCommand(email("p"))), "ServiceUnavailable");
    fires.remove();
    const never = fake.inject({ kind: "status", status: 503 }, { probability: 0.2 });
    await ses.send(new SendEmailCommand(email("p")));
    never.remove();
  });

  test("slow reply past the client's timeout: delivered or not, as told", async () => {
    const impatient = client(fake.url, 150);
    const before = fake.deliveries().length;
    fake.inject({ kind: "slow", ms: 400, delivered: true });
    const e = await rejection(
      impatient.send(new SendEmailCommand(email("slow-sent"))),
      "TimeoutError",
      /exceeded the configured 150 ms requestTimeout/,
    );
    assert.equal(e.code, "ETIMEDOUT");
    assert.equal(fake.deliveries().length, before + 1);
    assert.deepEqual(
      [fake.received.at(-1)?.outcome, fake.received.at(-1)?.fault],
      ["delivered", "slow"],
    );

    fake.inject({ kind: "slow", ms: 400, delivered: false });
    await rejection(impatient.send(new SendEmailCommand(email("slow-lost"))), "TimeoutError");
    assert.equal(fake.deliveries().length, before + 1);
    assert.deepEqual(
      [fake.received.at(-1)?.outcome, fake.received.at(-1)?.fault],
      ["fault", "slow"],
    );

    // A patient client gets the late answer.
    fake.inject({ kind: "slow", ms: 100, delivered: true });
    const out = await ses.send(new SendEmailCommand(email("slow-ok")));
    assert.equal(out.MessageId, fake.deliveries().at(-1)?.messageId);
  });

  test("connection reset", async () => {
    const before = fake.deliveries().length;
    fake.inject({ kind: "reset" });
    const e = await rejection(
      ses.send(new SendEmailCommand(email("reset"))),
      "TimeoutError",
      "socket hang up",
    );
    assert.equal(e.code, "ECONNRESET");
    assert.equal(fake.deliveries().length, before);
    fake.inject({ kind: "reset", delivered: true });
    await rejection(ses.send(new SendEmailCommand(email("reset-sent"))), "TimeoutError");
    assert.equal(fake.deliveries().length, before + 1);
    assert.equal(fake.deliveries().at(-1)?.fault, "reset");
    await ses.send(new SendEmailCommand(email("after")));
  });

  test("MessageRejected for configured addresses, a predicate, or a match", async () => {
    fake.configure({ rejectAddresses: ["bad@x.com"] });
    const e = await rejection(
      ses.send(new SendEmailCommand(email("r", ["ok@x.com", "bad@x.com"]))),
      "MessageRejected",
      "Email address is not verified. The following identities failed the check in region US-EAST-1: bad@x.com",
    );
    assert.ok(e instanceof MessageRejected);
    await rejection(
      ses.send(new SendEmailCommand(email("r", ["ok@x.com"], "BAD@x.com"))),
      "MessageRejected",
    );
    fake.configure({ rejectAddresses: [] });

    const rule = fake.inject(
      { kind: "rejected" },
      { when: (c) => c.subject === "poison", times: 100 },
    );
    await rejection(
      ses.send(new SendEmailCommand(email("poison"))),
      "MessageRejected",
      "Email address is not verified. The following identities failed the check in region US-EAST-1: from@example.com",
    );
    await ses.send(new SendEmailCommand(email("fine")));
    await rejection(ses.send(new SendEmailCommand(email("poison"))), "MessageRejected");
    rule.remove();

    fake.inject(
      {
        kind: "error",
        code: "ConfigurationSetDoesNotExist",
        message: "Configuration set <cs> does not exist.",
      },
      { match: { recipient: "CS@x.com" } },
    );
    await ses.send(new SendEmailCommand(email("fine")));
    await rejection(
      ses.send(new SendEmailCommand(email("cs", ["cs@x.com"]))),
      "ConfigurationSetDoesNotExistException",
    );
    assert.equal(fake.stats().rejected, 4);
  });

  test("sandbox: sender and recipients must be verified", async () => {
    fake.configure({ sandbox: true });
    fake.verify("from@example.com");
    fake.verify("verified.org");
    await ses.send(new SendEmailCommand(email("sb", ["any@verified.org"])));
    await rejection(
      ses.send(new SendEmailCommand(email("sb", ["any@verified.org", "x@else.org"]))),
      "MessageRejected",
      /failed the check in region US-EAST-1: x@else\.org$/,
    );
    fake.configure({ sandbox: false });
  });

  test("faults on other actions, when asked", async () => {
    fake.inject({ kind: "status", status: 500 }, { actions: ["GetSendQuota"] });
    await ses.send(new SendEmailCommand(email("unaffected")));
    await rejection(ses.send(new GetSendQuotaCommand({})), "InternalFailure");
    await ses.send(new GetSendQuotaCommand({}));
  });
});

describe("latency", () => {
  test("fixed, ranged or per call; sends only", async () => {
    const fake = await createFakeSes({ latency: 80 });
    const ses = client(fake.url);
    const timed = async (p: Promise<unknown>) => {
      const start = performance.now();
      await p;
      return performance.now() - start;
    };
    try {
      await ses.send(new GetSendQuotaCommand({})); // warm the connection
      assert.ok((await timed(ses.send(new SendEmailCommand(email("l"))))) >= 75);
      assert.ok((await timed(ses.send(new GetSendQuotaCommand({})))) < 75);
      fake.configure({ latency: (call) => (call.subject === "slow" ? 120 : 0) });
      assert.ok((await timed(ses.send(new SendEmailCommand(email("fast"))))) < 75);
      assert.ok((await timed(ses.send(new SendEmailCommand(email("slow"))))) >= 115);
      fake.configure({ latency: { min: 40, max: 60 } });
      const ranged = await timed(ses.send(new SendEmailCommand(email("r"))));
      assert.ok(ranged >= 38, `ranged ${ranged}`);
      // Latency delays the answer, not the verdict: a throttle is decided on arrival.
      assert.equal(fake.deliveries().length, 4);
    } finally {
      await fake.close();
    }
  });
});

describe("test helpers", () => {
  test("duplicates by Message-ID header (or subject), busiest window, reset", async () => {
    let clock = T0;
    const fake = await createFakeSes({ now: () => clock });
    const ses = client(fake.url);
    try {
      const raw = (id: string) =>
        Buffer.from(
          `From: a@x.com\r\nTo: b@x.com, c@x.com\r\nSubject: s\r\nMessage-ID: <${id}@x>\r\n\r\nhi`,
        );
      for (const id of ["1", "2", "2", "3"]) {
        await ses.send(new SendRawEmailCommand({ RawMessage: { Data: raw(id) } }));
        clock += 300;
      }
      await ses.send(new SendEmailCommand(email("plain")));
      await ses.send(new SendEmailCommand(email("plain")));
      assert.deepEqual(
        [...fake.duplicates()],
        [
          ["<2@x>", 2],
          ["plain", 2],
        ],
      );
      assert.equal(fake.countsBy((r) => r.action).get("SendRawEmail"), 4);
      // Raw sends at T0, +300, +600, +900 (2 recipients each), then 2 plain at +1200.
      assert.equal(fake.busiestWindow(1000), 8);
      assert.equal(fake.busiestWindow(301), 4);
      assert.equal(fake.stats().recipientsDelivered, 10);
      fake.reset();
      assert.equal(fake.received.length, 0);
      assert.equal(fake.sentLast24Hours(), 0);
    } finally {
      await fake.close();
    }
  });
});

describe("CLI process mode", () => {
  test("main.ts runs the fake in its own process, controlled over HTTP", async () => {
    const proc = await startFakeSesProcess([
      "--rate",
      "3",
      "--latency",
      "1",
      "--max-24h",
      "1000",
      "--identity",
      "a.org",
    ]);
    try {
      assert.match(proc.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.notEqual(proc.pid, process.pid);
      const ses = client(proc.url);
      const q = await ses.send(new GetSendQuotaCommand({}));
      assert.deepEqual([q.Max24HourSend, q.MaxSendRate], [1000, 3]);
      assert.deepEqual((await ses.send(new ListIdentitiesCommand({}))).Identities, ["a.org"]);

      const results = await Promise.allSettled(
        Array.from({ length: 5 }, (_, i) => ses.send(new SendEmailCommand(email(`cli${i}`)))),
      );
      assert.equal(results.filter((r) => r.status === "fulfilled").length, 3);
      const stats = await proc.stats();
      assert.equal(stats.delivered, 3);
      assert.equal(stats.throttles, 2);
      assert.ok(stats.busiestWindowMs1000 <= 3);

      await proc.configure({ rate: 0, paused: true });
      await rejection(
        ses.send(new SendEmailCommand(email("paused"))),
        "AccountSendingPausedException",
      );
      await proc.configure({ paused: false });
      await proc.inject({ kind: "status", status: 503 }, { match: { subjectIncludes: "fail" } });
      await rejection(ses.send(new SendEmailCommand(email("please fail"))), "ServiceUnavailable");
      const raw =
        "From: a@a.org\r\nTo: z@x.com\r\nSubject: raw\r\nMessage-ID: <r@a.org>\r\n\r\nbody";
      await ses.send(new SendRawEmailCommand({ RawMessage: { Data: Buffer.from(raw) } }));

      const delivered = await proc.deliveries({ raw: true });
      assert.equal(delivered.length, 4);
      assert.equal(delivered.at(-1)?.raw, raw);
      assert.equal(delivered.at(-1)?.headerMessageId, "<r@a.org>");
      const since = await proc.received({ since: 5 });
      assert.deepEqual(
        since.map((r) => [r.seq, r.outcome]),
        [
          [6, "paused"],
          [7, "fault"],
          [8, "delivered"],
        ],
      );
      assert.equal(since[2]?.raw, undefined);

      await proc.configure({ dailyLimit: 4 });
      await rejection(
        ses.send(new SendEmailCommand(email("over"))),
        "Throttling",
        "Daily message quota exceeded.",
      );
      await proc.advanceClock(24 * 60 * 60 * 1000);
      await ses.send(new SendEmailCommand(email("next day")));
      assert.equal((await ses.send(new GetSendQuotaCommand({}))).SentLast24Hours, 1);
    } finally {
      await proc.stop();
    }
    assert.notEqual(proc.child.exitCode ?? proc.child.signalCode, null);
  });
});
