import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { SendBatchRequestSchema } from "../gen/ts/asyncses/v1/mail_pb.js";
import { startTestApp, waitFor } from "./support/app.ts";
import { connectClients } from "./support/clients.ts";
import { sendRequest } from "./support/mail.ts";

const root = await mkdtemp(join(tmpdir(), "asyncses-idempotency-"));
after(() => rm(root, { recursive: true, force: true }));

for (const store of ["sqlite", "memory"]) {
  describe(`idempotency keys over RPC (${store})`, () => {
    it("replays the original id, refuses other content with ALREADY_EXISTS, sends once", async () => {
      const app = await startTestApp({ ASYNCSES_STORE: store });
      try {
        const { mail } = connectClients(app.url, "connect");
        const req = sendRequest({ subject: "order 42", idempotencyKey: "order-42" });
        const first = await mail.send(req);
        assert.equal(first.replayed, false);
        const again = await mail.send(req);
        assert.deepEqual([again.id, again.replayed], [first.id, true]);

        const err = await mail
          .send(sendRequest({ subject: "something else", idempotencyKey: "order-42" }))
          .then(
            () => assert.fail("a different message under the same key was accepted"),
            (e: unknown) => ConnectError.from(e),
          );
        assert.equal(err.code, Code.AlreadyExists);
        assert.match(err.rawMessage, /"order-42"/);
        assert.ok(err.rawMessage.includes(first.id), "names the original message");

        // A stream item with the key is a replay too.
        const items = (async function* () {
          yield create(SendBatchRequestSchema, { message: req });
          yield create(SendBatchRequestSchema, {
            message: sendRequest({ subject: "order 43", idempotencyKey: "order-43" }),
          });
        })();
        const answers = [];
        for await (const a of mail.sendBatch(items)) answers.push(a);
        assert.deepEqual(
          answers.map((a) => [a.result.value, a.replayed]),
          [
            [first.id, true],
            [answers[1]?.result.value, false],
          ],
        );
        await waitFor(() => app.sender.sent.length === 2, 10_000, "two deliveries");
        await new Promise((r) => setTimeout(r, 100));
        assert.deepEqual(app.sender.sent.map((m) => m.request.subject).sort(), [
          "order 42",
          "order 43",
        ]);
      } finally {
        await app.dispose();
      }
    });
  });
}

describe("idempotency keys belong to the caller", () => {
  it("the same key from two API keys makes two messages", async () => {
    const alice = "idempotency-alice-0123456789abcdef";
    const bob = "idempotency-bob-0123456789abcdef00";
    const app = await startTestApp({ ASYNCSES_API_KEYS: `${alice},${bob}` });
    try {
      const as = (key: string) =>
        connectClients(app.url, "connect", { authorization: `Bearer ${key}` }).mail;
      const req = sendRequest({ subject: "shared key", idempotencyKey: "invoice-1" });
      const a = await as(alice).send(req);
      const b = await as(bob).send(sendRequest({ subject: "other", idempotencyKey: "invoice-1" }));
      assert.notEqual(a.id, b.id);
      assert.equal(b.replayed, false);
      const again = await as(alice).send(req);
      assert.deepEqual([again.id, again.replayed], [a.id, true]);
    } finally {
      await app.dispose();
    }
  });
});

describe("idempotency keys across a restart (sqlite)", () => {
  it("replays a key accepted before the restart", async () => {
    const dir = join(root, "restart");
    const req = sendRequest({ subject: "once", idempotencyKey: "restart-key" });
    const first = await startTestApp({ ASYNCSES_DATA_DIR: dir });
    let id: string;
    try {
      id = (await connectClients(first.url, "connect").mail.send(req)).id;
    } finally {
      await first.dispose();
    }
    const second = await startTestApp({ ASYNCSES_DATA_DIR: dir });
    try {
      const again = await connectClients(second.url, "grpc").mail.send(req);
      assert.deepEqual([again.id, again.replayed], [id, true]);
    } finally {
      await second.dispose();
    }
  });
});
