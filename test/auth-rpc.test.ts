import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import type { DescService } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { AccountService } from "../gen/ts/asyncses/v1/account_pb.js";
import { IdentityService } from "../gen/ts/asyncses/v1/identity_pb.js";
import { MailService } from "../gen/ts/asyncses/v1/mail_pb.js";
import { OutboxService } from "../gen/ts/asyncses/v1/outbox_pb.js";
import { startTestApp, type TestApp } from "./support/app.ts";
import { connectClients, type Protocol } from "./support/clients.ts";
import { createFakeAccount, type FakeAccount } from "./support/fake-account.ts";
import { grpcFrame, h1Request, h2Connect } from "./support/raw-http.ts";

const KEY = "rpc-auth-key-0123456789abcdef";
const LIMITED = "rpc-limited-key-0123456789ab";
const SERVICES: Array<[keyof ReturnType<typeof connectClients>, DescService]> = [
  ["mail", MailService],
  ["outbox", OutboxService],
  ["account", AccountService],
  ["identity", IdentityService],
];
const PROTOCOLS: Protocol[] = ["grpc", "grpc-web", "connect", "connect-h1"];
const MESSAGE = { from: "a@example.org", to: ["b@example.com"], subject: "s", text: "t" };

/** The grpc-js client of MailService, as much of it as the test uses. */
interface MailClient extends grpc.Client {
  Send(
    req: object,
    md: grpc.Metadata,
    cb: (err: grpc.ServiceError | null, res?: { id?: string }) => void,
  ): void;
}

/** Calls one method with an empty request (a one-item stream for SendBatch); the error code. */
async function codeOf(
  clients: ReturnType<typeof connectClients>,
  service: keyof ReturnType<typeof connectClients>,
  method: string,
  kind: string,
): Promise<Code | "ok"> {
  // biome-ignore lint/suspicious/noExplicitAny: methods are called by name from the descriptor
  const client = clients[service] as any;
  try {
    if (kind === "bidi_streaming") {
      async function* one() {
        yield { message: MESSAGE };
      }
      for await (const _ of client[method](one())) {
        // drain
      }
    } else {
      await client[method]({});
    }
    return "ok";
  } catch (err) {
    return ConnectError.from(err).code;
  }
}

describe("API keys on every RPC", () => {
  let app: TestApp;
  let account: FakeAccount;
  before(async () => {
    account = createFakeAccount();
    app = await startTestApp(
      { ASYNCSES_API_KEYS: `${KEY},${LIMITED}:@example.org|boss@example.com` },
      { account },
    );
  });
  after(() => app.dispose());

  for (const protocol of PROTOCOLS) {
    it(`over ${protocol}: no key and a wrong key are UNAUTHENTICATED, and nothing happens`, async () => {
      const anonymous = connectClients(app.url, protocol);
      const wrong = connectClients(app.url, protocol, {
        authorization: "Bearer not-the-key-0123456789",
      });
      const right = connectClients(app.url, protocol, { authorization: `Bearer ${KEY}` });
      for (const [service, desc] of SERVICES) {
        for (const m of desc.methods) {
          // The Connect protocol over HTTP/1.1 has no bidi streams.
          if (protocol === "connect-h1" && m.methodKind === "bidi_streaming") continue;
          const what = `${desc.name}.${m.name}`;
          assert.equal(
            await codeOf(anonymous, service, m.localName, m.methodKind),
            Code.Unauthenticated,
            what,
          );
          assert.equal(
            await codeOf(wrong, service, m.localName, m.methodKind),
            Code.Unauthenticated,
            what,
          );
          assert.notEqual(
            await codeOf(right, service, m.localName, m.methodKind),
            Code.Unauthenticated,
            what,
          );
        }
      }
      assert.deepEqual(account.verified, []);
      assert.deepEqual(account.deleted, []);
    });
  }

  it("the error says what is missing and asks for a Bearer key", async () => {
    const { mail } = connectClients(app.url, "connect");
    await assert.rejects(mail.send(MESSAGE), (err: unknown) => {
      const e = ConnectError.from(err);
      return e.code === Code.Unauthenticated && /missing API key.*Bearer/.test(e.rawMessage);
    });
    const basic = connectClients(app.url, "grpc", { authorization: `Basic ${KEY}` });
    await assert.rejects(basic.mail.send(MESSAGE), (err: unknown) => {
      const e = ConnectError.from(err);
      return e.code === Code.Unauthenticated && /must be Bearer/.test(e.rawMessage);
    });
  });

  it("the key is checked before the body is read: garbage without a key is UNAUTHENTICATED", async () => {
    const json = await h1Request(app.url, {
      method: "POST",
      path: "/asyncses.v1.MailService/Send",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    assert.equal(json.status, 401);
    assert.equal((JSON.parse(json.text) as { code: string }).code, "unauthenticated");
    const h2 = h2Connect(app.url);
    try {
      for (const body of [
        grpcFrame(Buffer.from([0xff, 0xff, 0xff])),
        Buffer.from([0, 0x7f, 0xff, 0xff, 0xff]),
      ]) {
        const res = await h2.request({
          path: "/asyncses.v1.MailService/SendBatch",
          headers: { "content-type": "application/grpc", te: "trailers" },
          body,
        });
        assert.equal(res.grpcStatus, String(Code.Unauthenticated));
      }
    } finally {
      await h2.close();
    }
  });

  it("a refused call stores nothing", async () => {
    const total = async () => {
      const c = await app.services.store.counts(Date.now());
      return c.queued + c.sending + c.sent + c.failed + c.cancelled;
    };
    const before = await total();
    const { mail } = connectClients(app.url, "grpc", {
      authorization: "Bearer nope-0123456789abcdef",
    });
    await assert.rejects(mail.send(MESSAGE));
    async function* items() {
      yield { message: MESSAGE };
      yield { message: MESSAGE };
    }
    await assert.rejects(async () => {
      for await (const _ of mail.sendBatch(items())) {
        // drain
      }
    });
    assert.equal(await total(), before);
  });

  it("a key limited to senders may send only from them: PERMISSION_DENIED otherwise", async () => {
    const { mail, identity } = connectClients(app.url, "grpc", {
      authorization: `Bearer ${LIMITED}`,
    });
    assert.ok((await mail.send(MESSAGE)).id);
    assert.ok((await mail.send({ ...MESSAGE, from: "Boss <BOSS@example.com>" })).id);
    for (const from of ["a@example.com", "boss@example.org.evil.test", "x@sub.example.org"]) {
      await assert.rejects(mail.send({ ...MESSAGE, from }), (err: unknown) => {
        const e = ConnectError.from(err);
        return e.code === Code.PermissionDenied && e.rawMessage.startsWith("from: ");
      });
    }
    async function* items() {
      yield { message: MESSAGE };
      yield { message: { ...MESSAGE, from: "a@example.net" } };
    }
    const results = [];
    for await (const r of mail.sendBatch(items())) results.push(r);
    assert.equal(results[0]?.result.case, "id");
    assert.equal(results[1]?.result.case, "error");
    assert.equal(
      results[1]?.result.case === "error" && results[1].result.value.code,
      "permission_denied",
    );
    await assert.rejects(identity.verifyEmail({ email: "x@example.net" }), (err: unknown) => {
      return ConnectError.from(err).code === Code.PermissionDenied;
    });
    await identity.verifyEmail({ email: "x@example.org" });
    await assert.rejects(identity.deleteIdentity({ identity: "example.com" }), (err: unknown) => {
      return ConnectError.from(err).code === Code.PermissionDenied;
    });
    await identity.deleteIdentity({ identity: "example.org" });
  });

  it("scopes idempotency keys to the API key", async () => {
    const a = connectClients(app.url, "connect", { authorization: `Bearer ${KEY}` }).mail;
    const b = connectClients(app.url, "connect", { authorization: `Bearer ${LIMITED}` }).mail;
    const first = await a.send({ ...MESSAGE, idempotencyKey: "k-1" });
    const replay = await a.send({ ...MESSAGE, idempotencyKey: "k-1" });
    assert.deepEqual({ ...replay }, { ...first, replayed: true });
    const other = await b.send({ ...MESSAGE, text: "different", idempotencyKey: "k-1" });
    assert.equal(other.replayed, false);
    assert.notEqual(other.id, first.id);
  });

  it("an independent gRPC client (grpc-js) sends the key as metadata", async () => {
    const def = protoLoader.loadSync("asyncses/v1/mail.proto", {
      includeDirs: [fileURLToPath(new URL("../proto", import.meta.url))],
    });
    const pkg = grpc.loadPackageDefinition(def) as unknown as {
      asyncses: { v1: { MailService: grpc.ServiceClientConstructor } };
    };
    const client = new pkg.asyncses.v1.MailService(
      app.url.replace("http://", ""),
      grpc.credentials.createInsecure(),
    ) as unknown as MailClient;
    const send = (metadata: grpc.Metadata) =>
      new Promise<{ err: grpc.ServiceError | null; res: { id?: string } | undefined }>(
        (resolve) => {
          client.Send(MESSAGE, metadata, (err, res) => resolve({ err, res }));
        },
      );
    try {
      const none = await send(new grpc.Metadata());
      assert.equal(none.err?.code, grpc.status.UNAUTHENTICATED);
      const md = new grpc.Metadata();
      md.set("authorization", `Bearer ${KEY}`);
      const ok = await send(md);
      assert.equal(ok.err, null);
      assert.ok(ok.res?.id);
    } finally {
      client.close();
    }
  });
});
