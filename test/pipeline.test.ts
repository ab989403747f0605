import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import { MessageState } from "../gen/ts/asyncses/v1/message_pb.js";
import type { SendFailure } from "../src/sender/outcome.ts";
import { startTestApp, type TestApp, waitFor } from "./support/app.ts";
import { connectClients } from "./support/clients.ts";

const mail = (subject: string) => ({
  from: "s@example.com",
  to: ["r@example.com"],
  subject,
  text: "hi",
});
const failure = (kind: SendFailure["kind"], code: string, rejected = false): SendFailure => ({
  kind,
  code,
  message: `${code} happened`,
  rejected,
});

describe("the pipeline with an injected sender", () => {
  let app: TestApp;
  afterEach(() => app.dispose());

  const stateOf = async (id: string) =>
    (await connectClients(app.url, "connect").mail.getMessage({ id })).message;

  test("a transient error is retried with backoff and the message is sent", async () => {
    app = await startTestApp({ ASYNCSES_WORKERS: "2" });
    let calls = 0;
    app.sender.failWith = () =>
      ++calls <= 2 ? failure("transient", "ServiceUnavailable") : undefined;
    const { id } = await connectClients(app.url, "connect").mail.send(mail("retry me"));
    await waitFor(
      async () => (await stateOf(id))?.state === MessageState.SENT,
      15_000,
      "sent after retries",
    );
    const m = await stateOf(id);
    assert.equal(m?.attempts, 3);
    assert.equal(calls, 3);
  });

  test("a permanent rejection fails after exactly one attempt, with the reason, and counts as rejected", async () => {
    app = await startTestApp();
    app.sender.failWith = () => failure("permanent", "MessageRejected", true);
    const c = connectClients(app.url, "connect");
    const { id } = await c.mail.send(mail("reject me"));
    await waitFor(async () => (await stateOf(id))?.state === MessageState.FAILED, 5000, "failed");
    const m = await stateOf(id);
    assert.equal(m?.attempts, 1);
    assert.equal(m?.lastError?.code, "MessageRejected");
    assert.equal(m?.lastError?.permanent, true);
    assert.ok(m?.finishedAt);
    const status = await c.outbox.status({});
    assert.equal(status.failed, 1n);
    assert.equal(status.rejected, 1n);
  });

  test("a throttle puts the message back without spending an attempt", async () => {
    app = await startTestApp();
    let calls = 0;
    app.sender.failWith = () => (++calls === 1 ? failure("throttled", "Throttling") : undefined);
    const { id } = await connectClients(app.url, "connect").mail.send(mail("throttle me"));
    await waitFor(async () => (await stateOf(id))?.state === MessageState.SENT, 5000, "sent");
    assert.equal((await stateOf(id))?.attempts, 1);
    assert.equal(calls, 2);
  });

  test("running out of attempts fails the message with its last error", async () => {
    app = await startTestApp({ ASYNCSES_MAX_ATTEMPTS: "2" });
    app.sender.failWith = () => failure("transient", "InternalFailure");
    const { id } = await connectClients(app.url, "connect").mail.send(mail("give up"));
    await waitFor(async () => (await stateOf(id))?.state === MessageState.FAILED, 10_000, "failed");
    const m = await stateOf(id);
    assert.equal(m?.attempts, 2);
    assert.match(
      m?.lastError?.message ?? "",
      /gave up after 2 attempts; last error: InternalFailure happened/,
    );
    assert.equal(m?.lastError?.permanent, false);
  });

  test("one slow send never holds up the others", async () => {
    app = await startTestApp({ ASYNCSES_WORKERS: "4" });
    const c = connectClients(app.url, "connect");
    const slow = app.sender;
    const original = slow.send.bind(slow);
    slow.send = async (m, signal) => {
      if (m.request.subject === "slow") await new Promise((r) => setTimeout(r, 1500));
      return original(m, signal);
    };
    const { id: slowId } = await c.mail.send(mail("slow"));
    const fast = await Promise.all(
      Array.from({ length: 20 }, (_, i) => c.mail.send(mail(`fast ${i}`))),
    );
    await waitFor(
      async () => {
        const states = await Promise.all(fast.map(async (f) => (await stateOf(f.id))?.state));
        return states.every((s) => s === MessageState.SENT);
      },
      1200,
      "fast messages sent while the slow one is in flight",
    );
    assert.equal((await stateOf(slowId))?.state, MessageState.SENDING);
  });

  test("ListMessages, CancelMessage and RetryMessages", async () => {
    app = await startTestApp({ ASYNCSES_WORKERS: "1" });
    const c = connectClients(app.url, "connect");
    app.sender.failWith = (m) =>
      m.request.subject === "bad" ? failure("permanent", "MessageRejected", true) : undefined;
    const { id: bad } = await c.mail.send(mail("bad"));
    await waitFor(async () => (await stateOf(bad))?.state === MessageState.FAILED);
    const failed = await c.mail.listMessages({ state: MessageState.FAILED });
    assert.deepEqual(
      failed.messages.map((m) => m.id),
      [bad],
    );
    app.sender.failWith = undefined;
    assert.equal((await c.mail.retryMessages({ ids: [bad] })).retried, 1n);
    await waitFor(async () => (await stateOf(bad))?.state === MessageState.SENT);

    app.sender.latencyMs = 300;
    // One message in the worker's hands, one waiting in the channel, the third still queued.
    const first = await c.mail.send(mail("occupies the worker"));
    const second = await c.mail.send(mail("waits in the channel"));
    const queued = await c.mail.send(mail("cancel me"));
    await waitFor(async () => (await stateOf(first.id))?.state === MessageState.SENDING);
    const cancelled = await c.mail.cancelMessage({ id: queued.id });
    assert.equal(cancelled.message?.state, MessageState.CANCELLED);
    await assert.rejects(c.mail.cancelMessage({ id: first.id }), /not queued/);

    const page1 = await c.mail.listMessages({ pageSize: 2 });
    assert.deepEqual(
      page1.messages.map((m) => m.id),
      [queued.id, second.id],
    );
    const page2 = await c.mail.listMessages({ pageSize: 2, pageToken: page1.nextPageToken });
    assert.deepEqual(
      page2.messages.map((m) => m.id),
      [first.id, bad],
    );
    assert.equal(page2.nextPageToken, "");
  });
});
