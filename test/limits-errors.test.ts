import assert from "node:assert/strict";
import { createServer } from "node:net";
import { after, before, describe, test } from "node:test";
import { type SESClient, SendEmailCommand } from "@aws-sdk/client-ses";
import { loadConfig } from "../src/config/config.ts";
import { AMBIGUOUS_NOTE, DEFAULT_BACKOFF, decide } from "../src/outbox/retry-policy.ts";
import type { SendFailure } from "../src/sender/outcome.ts";
import { createSesClient } from "../src/sender/ses-client.ts";
import { classifySesError } from "../src/sender/ses-errors.ts";
import { createFakeSes, type FakeSes } from "./support/fake-ses/index.ts";
import { sesEnv } from "./support/ses-env.ts";

const email = (subject: string) =>
  new SendEmailCommand({
    Source: "sender@example.com",
    Destination: { ToAddresses: ["r@example.com"] },
    Message: { Subject: { Data: subject }, Body: { Text: { Data: "hi" } } },
  });

/** What the real client raised for one call, classified. */
async function classified(client: SESClient, subject: string): Promise<SendFailure> {
  try {
    await client.send(email(subject));
  } catch (err) {
    return classifySesError(err);
  }
  throw new Error("the call succeeded");
}

describe("SES answers, as the real client raises them, in the taxonomy", () => {
  let fake: FakeSes;
  let client: SESClient;
  before(async () => {
    fake = await createFakeSes();
    sesEnv(fake.url);
    client = createSesClient({ endpoint: fake.url, timeoutMs: 300, maxSockets: 4 });
  });
  after(async () => {
    client.destroy();
    await fake.close();
  });

  test("rate throttle, daily quota, paused account", async () => {
    fake.configure({ rate: 1 });
    await client.send(email("fills the bucket"));
    const rate = await classified(client, "too fast");
    assert.deepEqual([rate.kind, rate.code], ["throttled", "Throttling"]);
    assert.match(rate.message, /Maximum sending rate exceeded/);
    fake.configure({ rate: 0, dailyLimit: 1 });
    const quota = await classified(client, "over quota");
    assert.deepEqual([quota.kind, quota.code], ["quota", "Throttling"]);
    fake.configure({ dailyLimit: 0, paused: true });
    assert.equal((await classified(client, "paused")).kind, "paused");
    fake.configure({ pausedAs: "MessageRejected" });
    assert.equal((await classified(client, "paused as rejected")).kind, "paused");
    fake.configure({ paused: false });
  });

  test("a rejection is permanent; a 5xx transient and not ambiguous", async () => {
    fake.inject({ kind: "rejected" });
    const rejected = await classified(client, "rejected");
    assert.deepEqual(
      [rejected.kind, rejected.code, rejected.rejected],
      ["permanent", "MessageRejected", true],
    );
    fake.inject({ kind: "status", status: 503 });
    const unavailable = await classified(client, "503");
    assert.equal(unavailable.kind, "transient");
    assert.notEqual(unavailable.ambiguous, true);
  });

  test("a reply slower than the timeout, or a reset connection, is ambiguous", async () => {
    fake.inject({ kind: "slow", ms: 1000, delivered: true });
    const slow = await classified(client, "slow");
    assert.deepEqual([slow.kind, slow.code, slow.ambiguous], ["transient", "Timeout", true]);
    fake.inject({ kind: "reset", delivered: true });
    const reset = await classified(client, "reset");
    assert.equal(reset.kind, "transient");
    assert.equal(reset.ambiguous, true);
  });

  test("a refused connection never reached SES: not ambiguous", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const closed = createSesClient({
      endpoint: `http://127.0.0.1:${port}`,
      timeoutMs: 300,
      maxSockets: 1,
    });
    try {
      const refused = await classified(closed, "refused");
      assert.deepEqual([refused.kind, refused.code], ["transient", "NetworkError"]);
      assert.notEqual(refused.ambiguous, true);
    } finally {
      closed.destroy();
    }
  });
});

test("an ambiguous failure is retried, with the note on the message", () => {
  const policy = { maxAttempts: 3, maxAgeMs: 3_600_000, ...DEFAULT_BACKOFF };
  const failure: SendFailure = {
    kind: "transient",
    code: "Timeout",
    message: "timed out",
    rejected: false,
    ambiguous: true,
  };
  const retry = decide(policy, failure, 1, 0, 1000, () => 0.5);
  assert.equal(retry.kind, "retry");
  assert.ok(retry.kind === "retry" && retry.countAttempt);
  assert.equal(retry.kind === "retry" && retry.error.message, `timed out; ${AMBIGUOUS_NOTE}`);
  const last = decide(policy, failure, 3, 0, 1000);
  assert.equal(last.kind, "failed");
  assert.match(
    last.kind === "failed" ? last.error.message : "",
    /^gave up after 3 attempts; last error: timed out/,
  );
});

test("the sending-limit settings are read and checked", () => {
  const c = loadConfig({
    ASYNCSES_MAX_SEND_RATE: "12.5",
    ASYNCSES_QUOTA_REFRESH: "5m",
    ASYNCSES_PAUSE_PROBE: "2m",
  });
  assert.equal(c.maxSendRate, 12.5);
  assert.equal(c.quotaRefreshMs, 300_000);
  assert.equal(c.pauseProbeMs, 120_000);
  const d = loadConfig({});
  assert.equal(d.maxSendRate, undefined);
  assert.equal(d.quotaRefreshMs, 60_000);
  assert.throws(() => loadConfig({ ASYNCSES_MAX_SEND_RATE: "0" }), /ASYNCSES_MAX_SEND_RATE/);
  assert.throws(() => loadConfig({ ASYNCSES_MAX_SEND_RATE: "fast" }), /ASYNCSES_MAX_SEND_RATE/);
  assert.throws(() => loadConfig({ ASYNCSES_QUOTA_REFRESH: "500ms" }), /once a second/);
});
