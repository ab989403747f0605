import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, type HandlerContext, type ServiceImpl } from "@connectrpc/connect";
import {
  type MailService,
  type SendBatchRequest,
  type SendBatchResponse,
  SendBatchResponseSchema,
  type SendRequest,
} from "../../gen/ts/asyncses/v1/mail_pb.js";
import { authorizeSender } from "../auth/senders.ts";
import { AppError, invalidArgument } from "../errors.ts";
import { validateMail } from "../mail/validate.ts";
import type { Services } from "../services.ts";
import { isId } from "../util/id.ts";
import { type Aborted, raceAbort } from "../util/race-abort.ts";
import { CALLER } from "./caller.ts";
import { decodePageToken, encodePageToken, messageToProto, stateFromProto } from "./convert.ts";
import { codeName, toConnectError } from "./errors.ts";

function checkId(id: string, field = "id"): string {
  if (!isId(id))
    throw invalidArgument(field, `${JSON.stringify(id.slice(0, 64))} is not a message id`);
  return id;
}

/** The MailService handlers. */
export function createMailService(s: Services): ServiceImpl<typeof MailService> {
  const acceptItem = async (
    index: number,
    item: SendBatchRequest,
    ctx: HandlerContext,
    signal: AbortSignal,
  ): Promise<SendBatchResponse> => {
    try {
      if (!item.message) throw invalidArgument("message", "is required");
      const caller = ctx.values.get(CALLER);
      const mail = validateMail(item.message, s.limits);
      authorizeSender(caller, mail.fromAddress);
      const { id, replayed } = await s.outbox.acceptWhenRoom(mail, caller.scope, signal);
      return create(SendBatchResponseSchema, {
        index,
        result: { case: "id", value: id },
        replayed,
      });
    } catch (thrown) {
      const err = toConnectError(thrown, s.logger);
      return create(SendBatchResponseSchema, {
        index,
        result: { case: "error", value: { code: codeName(err.code), message: err.rawMessage } },
      });
    }
  };

  return {
    async send(req: SendRequest, ctx) {
      const caller = ctx.values.get(CALLER);
      const mail = validateMail(req, s.limits);
      authorizeSender(caller, mail.fromAddress);
      const { id, replayed } = await s.outbox.accept(mail, caller.scope);
      return { id, replayed };
    },

    async *sendBatch(requests, ctx) {
      // Items are accepted concurrently (so they share group commits) up to a window, and
      // answered in order. When the outbox is full, acceptWhenRoom waits, the window fills,
      // and the stream stops being read: backpressure.
      const stop = AbortSignal.any([ctx.signal, s.shutdown]);
      const window: Promise<SendBatchResponse>[] = [];
      let index = 0;
      const iterator = requests[Symbol.asyncIterator]();
      let reading: Promise<{ kind: "in"; next: IteratorResult<SendBatchRequest> }> | undefined;
      for (;;) {
        // Answer finished items while waiting for the next one, so a client that waits for
        // each answer before sending more is never stuck.
        reading ??= iterator.next().then((next) => ({ kind: "in" as const, next }));
        const head = window[0];
        let event: Awaited<typeof reading> | { kind: "out" } | Aborted;
        try {
          event = await raceAbort<Awaited<typeof reading> | { kind: "out" }>(
            [reading, ...(head ? [head.then(() => ({ kind: "out" as const }))] : [])],
            stop,
          );
        } catch (thrown) {
          // The input broke (a malformed or oversized frame): the items before it may already
          // be queued, so their answers go out before the stream ends with the error.
          for (const pending of window) yield await pending;
          throw thrown;
        }
        if (event.kind === "out") {
          yield await (window.shift() as Promise<SendBatchResponse>);
          continue;
        }
        if (event.kind === "stopped" || event.next.done) break;
        reading = undefined;
        window.push(acceptItem(index++, event.next.value, ctx, stop));
        while (window.length >= s.streamWindow)
          yield await (window.shift() as Promise<SendBatchResponse>);
      }
      for (const pending of window) yield await pending;
      if (s.shutdown.aborted) {
        throw new ConnectError(
          `the server is shutting down; items from index ${index} on were not read`,
          Code.Unavailable,
        );
      }
    },

    async getMessage(req) {
      const record = await s.store.get(checkId(req.id));
      if (!record) throw new AppError("not_found", `message ${req.id} not found`);
      return { message: messageToProto(record) };
    },

    async listMessages(req) {
      const limit = req.pageSize === 0 ? 100 : req.pageSize;
      if (limit > 1000) throw invalidArgument("pageSize", "must be at most 1000");
      const page = await s.store.list({
        state: stateFromProto(req.state),
        limit,
        cursor: decodePageToken(req.pageToken),
      });
      return {
        messages: page.messages.map(messageToProto),
        nextPageToken: encodePageToken(page.nextCursor),
      };
    },

    async retryMessages(req) {
      if (req.allFailed === req.ids.length > 0) {
        throw invalidArgument("ids", "give either ids or allFailed, not both and not neither");
      }
      const ids = req.allFailed ? "all" : req.ids.map((id, i) => checkId(id, `ids[${i}]`));
      const retried = await s.store.retryFailed(ids, s.now());
      if (retried > 0) s.outbox.requeued();
      return { retried: BigInt(retried) };
    },

    async cancelMessage(req) {
      const result = await s.store.cancel(checkId(req.id), s.now());
      if (result === "not-found") throw new AppError("not_found", `message ${req.id} not found`);
      if (result === "not-queued") {
        throw new AppError(
          "failed_precondition",
          `message ${req.id} is not queued; only queued messages can be cancelled`,
        );
      }
      s.outbox.roomMayHaveFreed();
      return { message: messageToProto(result) };
    },
  };
}
