import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  create,
  type DescMethod,
  fromBinary,
  fromJson,
  type JsonValue,
  toBinary,
} from "@bufbuild/protobuf";
import fc from "fast-check";
import { AccountService } from "../gen/ts/asyncses/v1/account_pb.js";
import { IdentityService } from "../gen/ts/asyncses/v1/identity_pb.js";
import {
  MailService,
  SendBatchRequestSchema,
  SendBatchResponseSchema,
  SendRequestSchema,
  SendResponseSchema,
} from "../gen/ts/asyncses/v1/mail_pb.js";
import { OutboxService } from "../gen/ts/asyncses/v1/outbox_pb.js";
import { validateMail } from "../src/mail/validate.ts";
import { startTestApp, type TestApp, waitFor } from "./support/app.ts";
import { anyJson, badUtf8, deepJson, injection, mutated, sendJson } from "./support/fuzz.ts";
import { grpcFrame, type H2Client, h1Request, h2Connect, readFrames } from "./support/raw-http.ts";

const KEY = "fuzz-rpc-key-0123456789abcdef";
const MAX_REQUEST = 256 * 1024;
const METHODS: DescMethod[] = [MailService, OutboxService, AccountService, IdentityService].flatMap(
  (s) => s.methods,
);
const pathOf = (m: DescMethod) => `/${m.parent.typeName}/${m.name}`;
const SEND = MailService.method.send;
const BATCH = MailService.method.sendBatch;

/** Connect's error codes a bad request may get. INTERNAL and UNKNOWN are never acceptable... */
const CLIENT_CODES = new Set([
  "invalid_argument",
  "unauthenticated",
  "permission_denied",
  "not_found",
  "already_exists",
  "failed_precondition",
  "resource_exhausted",
  "unimplemented",
  "out_of_range",
]);
/** ...except where connect-es itself answers INTERNAL for a message it cannot decode. */
const UNDECODABLE = /^(parse binary|protocol error|received compressed envelope)/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: line breaks and NUL are what it finds
const LINE_BREAK = /[\r\n\u0000]/;
const GRPC_CLIENT_CODES = new Set(["3", "5", "6", "7", "8", "9", "11", "12", "16"]);

/** A valid request of the method, encoded: the seed that mutations start from. */
function validBinary(m: DescMethod, send: Record<string, unknown>): Uint8Array {
  if (m === SEND) return toBinary(SendRequestSchema, safeFromJson(send));
  if (m === BATCH)
    return toBinary(
      SendBatchRequestSchema,
      create(SendBatchRequestSchema, { message: safeFromJson(send) }),
    );
  return toBinary(m.input, create(m.input));
}

function safeFromJson(json: Record<string, unknown>) {
  try {
    return fromJson(SendRequestSchema, json as JsonValue);
  } catch {
    return create(SendRequestSchema, { from: "a@example.com", to: ["b@example.com"], text: "t" });
  }
}

describe("fuzzing the RPCs on the wire", () => {
  let app: TestApp;
  let h2: H2Client;
  /** Messages the server said it accepted (not replays): exactly these may be stored. */
  let accepted = 0;
  before(async () => {
    app = await startTestApp({
      ASYNCSES_API_KEYS: KEY,
      ASYNCSES_MAX_REQUEST_SIZE: String(MAX_REQUEST),
      ASYNCSES_MAX_MESSAGE_SIZE: "128KB",
    });
    h2 = h2Connect(app.url);
  });
  after(async () => {
    await h2.close();
    await app.dispose();
  });

  it("Connect JSON over HTTP/1.1: any body gets a clean error or a real answer", async () => {
    const body = fc.oneof(
      sendJson.map((j) => JSON.stringify(j)),
      anyJson,
      deepJson,
      badUtf8,
      fc.string({ maxLength: 50 }),
      fc.constant("x".repeat(MAX_REQUEST + 10)),
      fc
        .array(fc.integer(), { minLength: 20_000, maxLength: 30_000 })
        .map((a) => JSON.stringify(a)),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...METHODS), body, fc.boolean(), async (m, b, auth) => {
        const res = await h1Request(app.url, {
          method: "POST",
          path: pathOf(m),
          headers: {
            "content-type": "application/json",
            ...(auth ? { authorization: `Bearer ${KEY}` } : {}),
          },
          body: b,
        });
        if (res.status === 200) {
          if (m === SEND && !(JSON.parse(res.text) as { replayed?: boolean }).replayed)
            accepted += 1;
          return;
        }
        // A stream over HTTP/1.1 is refused by Connect itself: 505 (it needs HTTP/2), or 415.
        if (m.methodKind !== "unary" && (res.status === 505 || res.status === 415)) return;
        assert.ok(res.status < 500, `${pathOf(m)} answered ${res.status}: ${res.text}`);
        const err = JSON.parse(res.text) as { code: string; message?: string };
        assert.ok(CLIENT_CODES.has(err.code), `${pathOf(m)}: ${res.text}`);
        if (!auth) assert.equal(err.code, "unauthenticated");
      }),
      { numRuns: 300 },
    );
  });

  it("Connect binary over HTTP/1.1: mutated and random protobuf gets a clean error", async () => {
    const unary = METHODS.filter((m) => m.methodKind === "unary");
    const arb = fc
      .constantFrom(...unary)
      .chain((m) =>
        fc.tuple(
          fc.constant(m),
          fc.oneof(
            mutated(sendJson.map((j) => validBinary(m, j))),
            fc.uint8Array({ maxLength: 200 }),
          ),
        ),
      );
    await fc.assert(
      fc.asyncProperty(arb, async ([m, bytes]) => {
        const res = await h1Request(app.url, {
          method: "POST",
          path: pathOf(m),
          headers: { "content-type": "application/proto", authorization: `Bearer ${KEY}` },
          body: bytes,
        });
        if (res.status === 200) {
          if (m === SEND && !fromBinary(SendResponseSchema, res.body).replayed) accepted += 1;
          return;
        }
        const err = JSON.parse(res.text) as { code: string; message?: string };
        if (err.code === "internal") assert.match(err.message ?? "", UNDECODABLE, res.text);
        else
          assert.ok(
            CLIENT_CODES.has(err.code) && res.status < 500,
            `${pathOf(m)}: ${res.status} ${res.text}`,
          );
      }),
      { numRuns: 300 },
    );
  });

  it("gRPC over HTTP/2: mutated, truncated and lying frames get a clean status", async () => {
    const frames = fc.constantFrom(...METHODS).chain((m) =>
      fc.tuple(
        fc.constant(m),
        fc.array(
          fc.oneof(
            mutated(sendJson.map((j) => validBinary(m, j))),
            fc.uint8Array({ maxLength: 64 }),
          ),
          {
            minLength: 0,
            maxLength: 3,
          },
        ),
        fc.constantFrom("whole", "cut", "compressed-flag", "lying-length", "raw"),
        fc.nat(),
      ),
    );
    await fc.assert(
      fc.asyncProperty(frames, async ([m, payloads, shape, n]) => {
        let body = Buffer.concat(payloads.map((p) => grpcFrame(p, shape === "compressed-flag")));
        if (shape === "cut" && body.length > 0) body = body.subarray(0, n % body.length);
        if (shape === "lying-length") body = Buffer.concat([Buffer.from([0, 0, 1, 0, 0]), body]);
        if (shape === "raw") body = Buffer.from(payloads[0] ?? []);
        const res = await h2.request({
          path: pathOf(m),
          headers: {
            "content-type": "application/grpc",
            te: "trailers",
            authorization: `Bearer ${KEY}`,
          },
          body,
        });
        assert.equal(res.status, 200);
        const status = res.grpcStatus;
        const message = res.grpcMessage;
        if (status === "0") {
          for (const f of readFrames(res.body)) {
            if (m === SEND && !fromBinary(SendResponseSchema, f.data).replayed) accepted += 1;
            if (m === BATCH) {
              const r = fromBinary(SendBatchResponseSchema, f.data);
              if (r.result.case === "id" && !r.replayed) accepted += 1;
            }
          }
          return;
        }
        // Answers of a stream come before its final status: count the ids it gave.
        if (m === BATCH) {
          for (const f of readFrames(res.body)) {
            const r = fromBinary(SendBatchResponseSchema, f.data);
            if (r.result.case === "id" && !r.replayed) accepted += 1;
          }
        }
        if (status === "13") assert.match(message, UNDECODABLE, `${pathOf(m)}: ${message}`);
        else assert.ok(GRPC_CLIENT_CODES.has(String(status)), `${pathOf(m)}: ${status} ${message}`);
      }),
      { numRuns: 300 },
    );
  });

  it("a stream broken after valid items answers them before its error", async () => {
    const ok = toBinary(
      SendBatchRequestSchema,
      create(SendBatchRequestSchema, {
        message: { from: "a@example.com", to: ["b@example.com"], text: "t" },
      }),
    );
    const res = await h2.request({
      path: pathOf(BATCH),
      headers: {
        "content-type": "application/grpc",
        te: "trailers",
        authorization: `Bearer ${KEY}`,
      },
      body: Buffer.concat([grpcFrame(ok), grpcFrame(ok), grpcFrame(Buffer.from([0x0a, 0xff]))]),
    });
    assert.equal(res.grpcStatus, "13");
    assert.match(res.grpcMessage, UNDECODABLE);
    const ids = readFrames(res.body).map((f) => fromBinary(SendBatchResponseSchema, f.data).result);
    assert.deepEqual(
      ids.map((r) => r.case),
      ["id", "id"],
    );
    accepted += 2;
  });

  it("header injection never gets through any field", async () => {
    const field = fc.constantFrom(
      "from",
      "to",
      "cc",
      "subject",
      "headerValue",
      "headerName",
      "filename",
    );
    await fc.assert(
      fc.asyncProperty(field, injection, async (f, bad) => {
        const msg: Record<string, unknown> = {
          from: "a@example.com",
          to: ["b@example.com"],
          subject: "s",
          text: "t",
        };
        if (f === "from") msg.from = `a@example.com${bad}`;
        if (f === "to") msg.to = [`${bad}b@example.com`];
        if (f === "cc") msg.cc = [`C ${bad} <c@example.com>`];
        if (f === "subject") msg.subject = `s${bad}`;
        if (f === "headerValue") msg.headers = { "X-A": `v${bad}` };
        if (f === "headerName") msg.headers = { [`X-A${bad}`]: "v" };
        if (f === "filename") msg.attachments = [{ filename: `a${bad}.txt`, content: "YQ==" }];
        const res = await h1Request(app.url, {
          method: "POST",
          path: pathOf(SEND),
          headers: { "content-type": "application/json", authorization: `Bearer ${KEY}` },
          body: JSON.stringify(msg),
        });
        // Percent- and word-encoded attempts are plain text, harmless in any field but addresses.
        if (res.status === 200) {
          accepted += 1;
          assert.ok(!LINE_BREAK.test(bad), `${f} accepted ${JSON.stringify(bad)}`);
          return;
        }
        assert.equal(res.status, 400, res.text);
        const err = JSON.parse(res.text) as { code: string; message: string };
        assert.equal(err.code, "invalid_argument");
      }),
      { numRuns: 200 },
    );
  });

  it("afterwards the server still serves, and stores exactly what it accepted, whole", async () => {
    const res = await h1Request(app.url, {
      method: "POST",
      path: "/asyncses.v1.OutboxService/Status",
      headers: { "content-type": "application/json", authorization: `Bearer ${KEY}` },
      body: "{}",
    });
    assert.equal(res.status, 200);
    const counts = await app.services.store.counts(Date.now());
    const stored = counts.queued + counts.sending + counts.sent + counts.failed + counts.cancelled;
    assert.equal(stored, accepted);
    await waitFor(() => app.sender.sent.length === accepted, 10_000, "every accepted message sent");
    for (const { request } of app.sender.sent) {
      validateMail(request, app.services.limits);
      for (const v of [
        request.subject,
        ...Object.keys(request.headers),
        ...Object.values(request.headers),
      ]) {
        assert.ok(!LINE_BREAK.test(v), JSON.stringify(v));
      }
    }
  });
});
