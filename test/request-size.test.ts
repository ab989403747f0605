import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { create, toBinary } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { SendRequestSchema } from "../gen/ts/asyncses/v1/mail_pb.js";
import { startTestApp, type TestApp } from "./support/app.ts";
import { connectClients, type Protocol } from "./support/clients.ts";
import { grpcFrame, h1Request, h2Connect } from "./support/raw-http.ts";

const MESSAGE = { from: "a@example.com", to: ["b@example.com"], subject: "s", text: "t" };
const SEND = "/asyncses.v1.MailService/Send";

describe("request and message size", () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp({
      ASYNCSES_MAX_REQUEST_SIZE: "64KB",
      ASYNCSES_MAX_MESSAGE_SIZE: "16KB",
    });
  });
  after(() => app.dispose());

  const stored = async () => {
    const c = await app.services.store.counts(Date.now());
    return c.queued + c.sending + c.sent + c.failed + c.cancelled;
  };

  for (const protocol of ["grpc", "grpc-web", "connect", "connect-h1"] as Protocol[]) {
    it(`over ${protocol}: a body over the request size is RESOURCE_EXHAUSTED`, async () => {
      const { mail } = connectClients(app.url, protocol);
      await assert.rejects(
        mail.send({ ...MESSAGE, text: "x".repeat(100 * 1024) }),
        (err: unknown) => {
          return ConnectError.from(err).code === Code.ResourceExhausted;
        },
      );
    });

    it(`over ${protocol}: a message over the message size is RESOURCE_EXHAUSTED naming it`, async () => {
      const { mail } = connectClients(app.url, protocol);
      await assert.rejects(
        mail.send({ ...MESSAGE, text: "x".repeat(30 * 1024) }),
        (err: unknown) => {
          const e = ConnectError.from(err);
          return e.code === Code.ResourceExhausted && e.rawMessage.startsWith("message: ");
        },
      );
    });
  }

  it("one oversized item of a SendBatch stream ends the stream RESOURCE_EXHAUSTED", async () => {
    const { mail } = connectClients(app.url, "grpc");
    async function* items() {
      yield { message: MESSAGE };
      yield { message: { ...MESSAGE, text: "x".repeat(100 * 1024) } };
    }
    await assert.rejects(
      async () => {
        for await (const _ of mail.sendBatch(items())) {
          // drain
        }
      },
      (err: unknown) => ConnectError.from(err).code === Code.ResourceExhausted,
    );
  });

  it("on the wire: Connect JSON answers 429 resource_exhausted, gRPC status 8", async () => {
    const before = await stored();
    const json = await h1Request(app.url, {
      method: "POST",
      path: SEND,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...MESSAGE, text: "x".repeat(100 * 1024) }),
    });
    assert.equal(json.status, 429);
    assert.equal((JSON.parse(json.text) as { code: string }).code, "resource_exhausted");
    const h2 = h2Connect(app.url);
    try {
      const big = create(SendRequestSchema, { ...MESSAGE, text: "x".repeat(100 * 1024) });
      const res = await h2.request({
        path: SEND,
        headers: { "content-type": "application/grpc", te: "trailers" },
        body: grpcFrame(toBinary(SendRequestSchema, big)),
      });
      assert.equal(res.grpcStatus, String(Code.ResourceExhausted));
      // A frame that only claims to be large is refused without waiting for its bytes.
      const head = Buffer.from([0, 0x7f, 0xff, 0xff, 0xff]);
      const claimed = await h2.request({
        path: SEND,
        headers: { "content-type": "application/grpc", te: "trailers" },
        body: head,
      });
      assert.equal(claimed.grpcStatus, String(Code.ResourceExhausted));
    } finally {
      await h2.close();
    }
    assert.equal(await stored(), before);
    const { mail } = connectClients(app.url, "grpc");
    assert.ok((await mail.send(MESSAGE)).id, "the server keeps serving");
  });
});

describe("a body over the default request size over HTTP/2", () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.dispose());

  it("is answered RESOURCE_EXHAUSTED before the client has sent it all", async () => {
    const { mail } = connectClients(app.url, "connect");
    await assert.rejects(
      mail.send({ ...MESSAGE, text: "x".repeat(11 * 1024 * 1024) }),
      (err: unknown) => {
        return ConnectError.from(err).code === Code.ResourceExhausted;
      },
    );
  });
});
