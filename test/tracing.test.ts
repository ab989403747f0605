import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Code, ConnectError } from "@connectrpc/connect";
import { MessageState } from "../gen/ts/asyncses/v1/message_pb.js";
import { startTestApp, type TestApp, waitFor } from "./support/app.ts";
import { connectClients } from "./support/clients.ts";
import { sendRequest } from "./support/mail.ts";

const REJECT = {
  kind: "permanent" as const,
  code: "MessageRejected",
  message: "Email address is not verified.",
  rejected: true,
};

async function codeOf(call: Promise<unknown>): Promise<Code> {
  return call.then(
    () => assert.fail("the call succeeded"),
    (e: unknown) => ConnectError.from(e).code,
  );
}

async function withApp(env: Record<string, string>, fn: (app: TestApp) => Promise<void>) {
  const app = await startTestApp(env);
  try {
    await fn(app);
  } finally {
    await app.dispose();
  }
}

for (const store of ["sqlite", "memory"]) {
  describe(`tracing messages over RPC (${store})`, () => {
    it("gets and lists messages newest first, by page and by state", async () => {
      await withApp({ ASYNCSES_STORE: store }, async (app) => {
        app.sender.failWith = (m) => (m.request.subject.startsWith("bad") ? REJECT : undefined);
        const { mail } = connectClients(app.url, "connect");
        const ids: string[] = [];
        for (const subject of ["ok 1", "bad 2", "ok 3", "bad 4", "ok 5"])
          ids.push((await mail.send(sendRequest({ subject, to: ["a@example.com"] }))).id);
        const settled = async () => {
          const { messages } = await mail.listMessages({ pageSize: 10 });
          return messages.every((m) => [MessageState.SENT, MessageState.FAILED].includes(m.state));
        };
        await waitFor(settled, 10_000, "every message sent or failed");

        const sent = (await mail.getMessage({ id: ids[0] as string })).message;
        assert.equal(sent?.state, MessageState.SENT);
        assert.match(sent?.sesMessageId ?? "", /^capture-/);
        assert.equal(sent?.subject, "ok 1");
        assert.deepEqual(sent?.to, ["a@example.com"]);
        assert.equal(sent?.attempts, 1);
        assert.ok(sent?.sentAt && sent.acceptedAt && sent.finishedAt);
        const failed = (await mail.getMessage({ id: ids[1] as string })).message;
        assert.equal(failed?.state, MessageState.FAILED);
        assert.equal(failed?.lastError?.code, "MessageRejected");
        assert.equal(failed?.lastError?.permanent, true);

        const seen: string[] = [];
        let pageToken = "";
        let pages = 0;
        do {
          const page = await mail.listMessages({ pageSize: 2, pageToken });
          seen.push(...page.messages.map((m) => m.id));
          pageToken = page.nextPageToken;
          pages += 1;
        } while (pageToken !== "");
        assert.deepEqual(seen, [...ids].reverse());
        assert.equal(pages, 3);
        const onlyFailed = await mail.listMessages({ state: MessageState.FAILED });
        assert.deepEqual(
          onlyFailed.messages.map((m) => m.id),
          [ids[3], ids[1]],
        );
        assert.equal(onlyFailed.nextPageToken, "");

        assert.equal(await codeOf(mail.getMessage({ id: "nope" })), Code.InvalidArgument);
        const unknown = ids[0]?.replace(/.$/, (c) => (c === "0" ? "1" : "0")) as string;
        assert.equal(await codeOf(mail.getMessage({ id: unknown })), Code.NotFound);
        assert.equal(
          await codeOf(mail.listMessages({ pageToken: "garbage" })),
          Code.InvalidArgument,
        );
      });
    });

    it("retries failed messages by id and all at once", async () => {
      await withApp({ ASYNCSES_STORE: store }, async (app) => {
        app.sender.failWith = () => REJECT;
        const { mail, outbox } = connectClients(app.url, "grpc");
        const ids: string[] = [];
        for (let i = 0; i < 3; i++)
          ids.push((await mail.send(sendRequest({ subject: `retry ${i}` }))).id);
        const failedCount = async () => Number((await outbox.status({})).failed);
        await waitFor(async () => (await failedCount()) === 3, 10_000, "three failures");
        app.sender.failWith = undefined;

        const one = await mail.retryMessages({ ids: [ids[0] as string, ids[0] as string] });
        assert.equal(one.retried, 1n);
        await waitFor(
          async () =>
            (await mail.getMessage({ id: ids[0] as string })).message?.state === MessageState.SENT,
          10_000,
          "the retried message sent",
        );
        assert.equal(
          (await mail.getMessage({ id: ids[0] as string })).message?.state,
          MessageState.SENT,
        );
        assert.equal((await mail.retryMessages({ ids: [ids[0] as string] })).retried, 0n);
        assert.equal((await mail.retryMessages({ allFailed: true })).retried, 2n);
        await waitFor(() => app.sender.sent.length === 3, 10_000, "all three sent");
        assert.equal(await failedCount(), 0);
        assert.equal(await codeOf(mail.retryMessages({})), Code.InvalidArgument);
        assert.equal(
          await codeOf(mail.retryMessages({ ids: [ids[1] as string], allFailed: true })),
          Code.InvalidArgument,
        );
      });
    });

    it("cancels queued messages only", async () => {
      // One slow worker: the first message is being sent, the second waits in its channel,
      // the rest stay queued.
      const env = {
        ASYNCSES_STORE: store,
        ASYNCSES_WORKERS: "1",
        ASYNCSES_SHUTDOWN_TIMEOUT: "50ms",
      };
      await withApp(env, async (app) => {
        app.sender.latencyMs = 60_000;
        const { mail } = connectClients(app.url, "connect-h1");
        const ids: string[] = [];
        for (let i = 0; i < 4; i++)
          ids.push((await mail.send(sendRequest({ subject: `cancel ${i}` }))).id);
        const stateOf = async (id: string) => (await mail.getMessage({ id })).message?.state;
        await waitFor(
          async () => (await stateOf(ids[1] as string)) === MessageState.SENDING,
          10_000,
          "two messages leased",
        );
        const cancelled = await mail.cancelMessage({ id: ids[3] as string });
        assert.equal(cancelled.message?.state, MessageState.CANCELLED);
        assert.ok(cancelled.message?.finishedAt);
        assert.equal(await stateOf(ids[3] as string), MessageState.CANCELLED);
        assert.equal(
          await codeOf(mail.cancelMessage({ id: ids[3] as string })),
          Code.FailedPrecondition,
        );
        assert.equal(
          await codeOf(mail.cancelMessage({ id: ids[0] as string })),
          Code.FailedPrecondition,
        );
        const unknown = ids[0]?.replace(/.$/, (c) => (c === "0" ? "1" : "0")) as string;
        assert.equal(await codeOf(mail.cancelMessage({ id: unknown })), Code.NotFound);
        assert.equal(await stateOf(ids[2] as string), MessageState.QUEUED);
      });
    });
  });
}
