import assert from "node:assert/strict";
import http from "node:http";
import http2 from "node:http2";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { Code, ConnectError } from "@connectrpc/connect";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { MessageState } from "../gen/ts/asyncses/v1/message_pb.js";
import { startTestApp, type TestApp, waitFor } from "./support/app.ts";
import { connectClients, type Protocol } from "./support/clients.ts";

const message = (tag: string) => ({
  from: "Sender <sender@example.com>",
  to: ["rcpt@example.com"],
  subject: `hello over ${tag}`,
  text: "hello",
});

describe("every protocol on one port", () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.dispose());

  for (const protocol of ["connect", "connect-h1", "grpc", "grpc-web"] as Protocol[]) {
    test(`Connect TypeScript client over ${protocol}: Send, GetMessage, Status`, async () => {
      const c = connectClients(app.url, protocol);
      const { id } = await c.mail.send(message(protocol));
      assert.match(id, /^[0-9a-f-]{36}$/);
      await waitFor(
        async () => (await c.mail.getMessage({ id })).message?.state === MessageState.SENT,
        5000,
        "sent",
      );
      const got = (await c.mail.getMessage({ id })).message;
      assert.equal(got?.subject, `hello over ${protocol}`);
      assert.equal(got?.attempts, 1);
      assert.match(got?.sesMessageId ?? "", /^capture-/);
      assert.ok(got?.sentAt);
      const status = await c.outbox.status({});
      assert.equal(status.workers, 50);
      assert.ok(status.sent >= 1n);
      await assert.rejects(c.mail.send({ ...message(protocol), to: ["nope"] }), (err: unknown) => {
        return (
          err instanceof ConnectError &&
          err.code === Code.InvalidArgument &&
          /to\[0\]/.test(err.rawMessage)
        );
      });
    });
  }

  test("an independent gRPC implementation (@grpc/grpc-js with the .proto files)", async () => {
    const protoDir = fileURLToPath(new URL("../proto", import.meta.url));
    const def = protoLoader.loadSync("asyncses/v1/mail.proto", {
      includeDirs: [protoDir],
      keepCase: false,
      longs: String,
      enums: String,
      defaults: true,
    });
    const pkg = grpc.loadPackageDefinition(def) as unknown as {
      asyncses: { v1: { MailService: grpc.ServiceClientConstructor } };
    };
    const client = new pkg.asyncses.v1.MailService(
      new URL(app.url).host,
      grpc.credentials.createInsecure(),
    );
    const call = <T>(method: string, req: object) =>
      new Promise<T>((resolve, reject) => {
        (
          client[method] as (r: object, cb: (e: grpc.ServiceError | null, v: T) => void) => void
        ).call(client, req, (e, v) => (e ? reject(e) : resolve(v)));
      });
    try {
      const { id } = await call<{ id: string }>("send", message("grpc-js"));
      await waitFor(
        async () =>
          (await call<{ message: { state: string } }>("getMessage", { id })).message.state ===
          "MESSAGE_STATE_SENT",
      );
      const err = await call("send", { ...message("grpc-js"), from: "" }).catch(
        (e: grpc.ServiceError) => e,
      );
      assert.equal((err as grpc.ServiceError).code, grpc.status.INVALID_ARGUMENT);
      // grpc-js decodes grpc-message with decodeURI, which leaves reserved characters such as
      // ":" and "@" percent-encoded; the full decode is what the gRPC spec asks for.
      assert.match(decodeURIComponent((err as grpc.ServiceError).details), /^from: is required/);

      // The bidirectional stream, through grpc-js.
      const stream = (
        client.sendBatch as () => grpc.ClientDuplexStream<
          object,
          { index: number; id?: string; error?: { code: string } }
        >
      ).call(client);
      const results: Array<{ index: number; id?: string; error?: { code: string } }> = [];
      const done = new Promise<void>((resolve, reject) => {
        stream.on("data", (r) => results.push(r));
        stream.on("end", resolve);
        stream.on("error", reject);
      });
      for (let i = 0; i < 20; i++)
        stream.write({
          message: i === 7 ? { ...message("x"), to: [] } : message(`grpc-js batch ${i}`),
        });
      stream.end();
      await done;
      assert.equal(results.length, 20);
      assert.deepEqual(
        results.map((r) => r.index),
        [...Array(20).keys()],
      );
      assert.equal(results[7]?.error?.code, "invalid_argument");
      assert.equal(results.filter((r) => r.id).length, 19);
    } finally {
      client.close();
    }
  });

  test("plain HTTP/1.1 JSON POST, HTTP GET for read-only RPCs, and HTTP/2 prior knowledge", async () => {
    const post = (path: string, body: string, headers: Record<string, string> = {}) =>
      new Promise<{ status: number; body: string; type: string | undefined }>((resolve, reject) => {
        const req = http.request(
          `${app.url}${path}`,
          { method: "POST", headers: { "content-type": "application/json", ...headers } },
          (res) => {
            let text = "";
            res.on("data", (c: Buffer) => {
              text += c;
            });
            res.on("end", () =>
              resolve({
                status: res.statusCode ?? 0,
                body: text,
                type: res.headers["content-type"],
              }),
            );
          },
        );
        req.on("error", reject);
        req.end(body);
      });
    const ok = await post("/asyncses.v1.MailService/Send", JSON.stringify(message("http/1.1")));
    assert.equal(ok.status, 200);
    assert.equal(ok.type, "application/json");
    const { id } = JSON.parse(ok.body) as { id: string };

    const bad = await post("/asyncses.v1.MailService/Send", '{"from":');
    assert.equal(bad.status, 400);
    assert.equal(JSON.parse(bad.body).code, "invalid_argument");

    const query = `?connect=v1&encoding=json&message=${encodeURIComponent(JSON.stringify({ id }))}`;
    const got = await fetch(`${app.url}/asyncses.v1.MailService/GetMessage${query}`);
    assert.equal(got.status, 200);
    assert.equal(((await got.json()) as { message: { id: string } }).message.id, id);
    const status = await fetch(
      `${app.url}/asyncses.v1.OutboxService/Status?connect=v1&encoding=json&message=%7B%7D`,
    );
    assert.equal(status.status, 200);
    // A GET of an RPC with side effects is refused.
    const sendByGet = await fetch(
      `${app.url}/asyncses.v1.MailService/Send?connect=v1&encoding=json&message=%7B%7D`,
    );
    assert.equal(sendByGet.status, 405);

    const session = http2.connect(app.url);
    try {
      const h2 = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = session.request({
          ":method": "POST",
          ":path": "/asyncses.v1.OutboxService/Status",
          "content-type": "application/json",
        });
        let status = 0;
        let text = "";
        req.on("response", (h) => {
          status = Number(h[":status"]);
        });
        req.on("data", (c: Buffer) => {
          text += c;
        });
        req.on("end", () => resolve({ status, body: text }));
        req.on("error", reject);
        req.end("{}");
      });
      assert.equal(h2.status, 200);
      assert.ok(JSON.parse(h2.body).workers === 50);
    } finally {
      session.close();
    }
    const missing = await fetch(`${app.url}/nothing-here`);
    assert.equal(missing.status, 404);
    assert.match(missing.headers.get("content-type") ?? "", /application\/json/);
  });
});
