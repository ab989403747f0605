import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { createWritableIterable } from "@connectrpc/connect/protocol";
import type { SendBatchRequestSchema } from "../gen/ts/asyncses/v1/mail_pb.js";
import { startTestApp, type TestApp, waitFor } from "./support/app.ts";
import { connectClients } from "./support/clients.ts";

const item = (i: number) => ({
  message: {
    from: "sender@example.com",
    to: [`r${i}@example.com`],
    subject: `batch ${i}`,
    text: "hi",
  },
});

async function* items(
  n: number,
  bad: Set<number> = new Set(),
): AsyncIterable<MessageInitShape<typeof SendBatchRequestSchema>> {
  for (let i = 0; i < n; i++)
    yield bad.has(i) ? { message: { ...item(i).message, to: ["broken"] } } : item(i);
}

describe("SendBatch", () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.dispose());

  test("10,000 messages through one stream give 10,000 results and 10,000 deliveries", async () => {
    const c = connectClients(app.url, "grpc");
    const before = app.sender.sent.length;
    let n = 0;
    const ids = new Set<string>();
    for await (const r of c.mail.sendBatch(items(10_000))) {
      assert.equal(r.index, n, "results come in order");
      assert.equal(r.result.case, "id");
      ids.add(r.result.value as string);
      n += 1;
    }
    assert.equal(n, 10_000);
    assert.equal(ids.size, 10_000);
    await waitFor(() => app.sender.sent.length - before >= 10_000, 60_000, "10,000 deliveries");
    const delivered = new Set(app.sender.sent.slice(before).map((m) => m.id));
    assert.equal(delivered.size, 10_000);
    for (const id of ids) assert.ok(delivered.has(id));
  });

  test("a bad item fails alone, with its own code and message; the stream goes on", async () => {
    const c = connectClients(app.url, "connect");
    const results = [];
    for await (const r of c.mail.sendBatch(items(50, new Set([3, 40])))) results.push(r);
    assert.equal(results.length, 50);
    for (const r of results) {
      if (r.index === 3 || r.index === 40) {
        assert.equal(r.result.case, "error");
        assert.equal(r.result.value?.code, "invalid_argument");
        assert.match(String(r.result.value?.message), /^to\[0\]:/);
      } else assert.equal(r.result.case, "id");
    }
  });

  test("an item without a message is answered with an error", async () => {
    const c = connectClients(app.url, "grpc");
    async function* one() {
      yield {};
    }
    for await (const r of c.mail.sendBatch(one())) {
      assert.equal(r.result.case, "error");
      assert.match(
        String(r.result.value && "message" in r.result.value ? r.result.value.message : ""),
        /^message:/,
      );
    }
  });

  test("a client that waits for each answer before sending the next is served", async () => {
    const c = connectClients(app.url, "connect");
    const requests = createWritableIterable<MessageInitShape<typeof SendBatchRequestSchema>>();
    const responses = c.mail.sendBatch(requests)[Symbol.asyncIterator]();
    for (let i = 0; i < 3; i++) {
      const written = requests.write(item(i));
      const r = await responses.next();
      await written;
      assert.equal(r.value?.index, i);
      assert.equal(r.value?.result.case, "id");
    }
    requests.close();
    assert.equal((await responses.next()).done, true);
  });
});

describe("a full outbox", () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ ASYNCSES_OUTBOX_MAXSIZE: "5", ASYNCSES_WORKERS: "1" });
    app.sender.latencyMs = 100;
  });
  after(() => app.dispose());

  test("Send fails at once with RESOURCE_EXHAUSTED; SendBatch waits for room and then goes on", async () => {
    const c = connectClients(app.url, "connect");
    const results = [];
    for await (const r of c.mail.sendBatch(items(12))) results.push(r);
    assert.equal(results.length, 12);
    assert.ok(
      results.every((r) => r.result.case === "id"),
      "every item accepted in the end",
    );
    // 12 items through an outbox of 5, all accepted and none refused: the stream waited for room.

    // Fill the outbox while the one worker is slow, then a unary Send must not hang.
    app.sender.latencyMs = 1500;
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        c.mail.send(item(100 + i).message).catch(() => undefined),
      ),
    );
    await assert.rejects(
      c.mail.send(item(200).message),
      (err: unknown) => err instanceof ConnectError && err.code === Code.ResourceExhausted,
    );
    app.sender.latencyMs = 0;
    await waitFor(async () => (await c.outbox.status({})).outbox === 0n, 20_000, "drain");
  });
});
