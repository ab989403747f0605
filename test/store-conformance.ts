import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { NewMessage, Store, StoredError } from "../src/store/types.ts";
import { newId } from "../src/util/id.ts";

/** A time well after the epoch, so "before" cut-offs stay positive. */
const T0 = 1_700_000_000_000;
const LEASE = 60_000;
const OPEN = { maxBacklog: 1_000_000, idempotencySince: 0 };
const TRANSIENT: StoredError = { code: "Timeout", message: "timed out", permanent: false };
const REJECTED: StoredError = { code: "MessageRejected", message: "bad", permanent: true };

/** A message accepted at `at`; the rest may be overridden. */
export function message(at: number, over: Partial<NewMessage> = {}): NewMessage {
  const subject = over.envelope?.subject ?? `subject ${at}`;
  return {
    id: newId(at),
    scope: "tenant-a",
    idempotencyKey: "",
    contentHash: "hash-1",
    envelope: {
      from: "sender@example.com",
      to: ["a@example.com", "b@example.com"],
      cc: ["c@example.com"],
      bcc: [],
      subject,
      configurationSet: "set-1",
      tags: [{ name: "campaign", value: "spring" }],
    },
    payload: new TextEncoder().encode(`body ${subject}`),
    recipientCount: 3,
    acceptedAt: at,
    ...over,
  };
}

/**
 * The contract every store engine keeps. `makeStore` returns a fresh, empty store; the suite
 * closes it.
 */
export function runStoreConformance(name: string, makeStore: () => Promise<Store>): void {
  const withStore = (fn: (store: Store) => Promise<void>) => async () => {
    const store = await makeStore();
    try {
      await fn(store);
    } finally {
      await store.close();
    }
  };
  const acceptAll = async (store: Store, items: NewMessage[]) => {
    const out = await store.accept(items, OPEN);
    return out.map((o) => {
      assert.equal(o.kind, "accepted");
      return (o as { id: string }).id;
    });
  };

  describe(`store conformance: ${name}`, () => {
    it(
      "accepts messages and reads them back queued, envelope intact",
      withStore(async (store) => {
        const m = message(T0, { idempotencyKey: "k1" });
        const [id] = await acceptAll(store, [m]);
        assert.equal(id, m.id);
        const r = await store.get(m.id);
        assert.ok(r);
        assert.equal(r.state, "queued");
        assert.deepEqual(r.envelope, m.envelope);
        assert.equal(r.recipientCount, 3);
        assert.equal(r.attempts, 0);
        assert.equal(r.idempotencyKey, "k1");
        assert.equal(r.acceptedAt, T0);
        assert.equal(r.nextAttemptAt, T0);
        assert.equal(r.lastAttemptAt, undefined);
        assert.equal(r.sentAt, undefined);
        assert.equal(r.lastError, undefined);
        assert.equal(await store.get(newId(T0)), undefined);
        assert.equal(await store.backlog(), 1);
      }),
    );

    it(
      "claims the oldest due first, up to the limit, with a lease",
      withStore(async (store) => {
        const ms = [message(T0 + 2), message(T0), message(T0 + 1), message(T0 + 10_000)];
        await acceptAll(store, ms);
        const now = T0 + 100;
        const first = await store.claim(2, now, LEASE);
        assert.deepEqual(
          first.map((c) => c.id),
          [ms[1]?.id, ms[2]?.id],
        );
        const c = first[0];
        assert.ok(c);
        assert.equal(c.attempts, 1);
        assert.equal(c.leaseUntil, now + LEASE);
        assert.equal(c.recipientCount, 3);
        assert.equal(c.acceptedAt, T0);
        assert.deepEqual(Buffer.from(c.payload), Buffer.from(ms[1]?.payload ?? []));
        const r = await store.get(c.id);
        assert.equal(r?.state, "sending");
        assert.equal(r?.lastAttemptAt, now);
        assert.equal(r?.nextAttemptAt, undefined);
        // The one accepted "in the future" is not due yet.
        assert.deepEqual(
          (await store.claim(10, now, LEASE)).map((x) => x.id),
          [ms[0]?.id],
        );
        assert.deepEqual(await store.claim(10, now, LEASE), []);
        assert.equal(await store.nextDueAt(), T0 + 10_000);
        assert.equal((await store.claim(10, T0 + 10_000, LEASE)).length, 1);
        assert.equal(await store.nextDueAt(), undefined);
        assert.deepEqual(await store.claim(0, T0 + 20_000, LEASE), []);
      }),
    );

    it(
      "puts messages whose lease expired back in the queue",
      withStore(async (store) => {
        const [id] = await acceptAll(store, [message(T0)]);
        await store.claim(1, T0, LEASE);
        assert.equal(await store.requeueExpired(T0 + LEASE - 1), 0);
        assert.equal((await store.get(id as string))?.state, "sending");
        assert.equal(await store.requeueExpired(T0 + LEASE), 1);
        const r = await store.get(id as string);
        assert.equal(r?.state, "queued");
        assert.equal(r?.attempts, 1, "the lost attempt may have reached SES: it counts");
        assert.equal(r?.nextAttemptAt, T0 + LEASE);
        const again = await store.claim(1, T0 + LEASE, LEASE);
        assert.equal(again[0]?.attempts, 2);
        assert.equal(await store.requeueExpired(T0 + LEASE), 0);
      }),
    );

    it(
      "finishes as sent with SES's id",
      withStore(async (store) => {
        const [id] = await acceptAll(store, [message(T0)]);
        await store.claim(1, T0, LEASE);
        await store.finish(id as string, { kind: "sent", sesMessageId: "ses-1", at: T0 + 5 });
        const r = await store.get(id as string);
        assert.equal(r?.state, "sent");
        assert.equal(r?.sesMessageId, "ses-1");
        assert.equal(r?.sentAt, T0 + 5);
        assert.equal(r?.finishedAt, T0 + 5);
        assert.equal(r?.nextAttemptAt, undefined);
        assert.equal(await store.backlog(), 0);
        // A second outcome for a message no longer sending is ignored.
        await store.finish(id as string, {
          kind: "failed",
          error: REJECTED,
          rejected: true,
          at: T0 + 6,
        });
        assert.equal((await store.get(id as string))?.state, "sent");
      }),
    );

    it(
      "finishes as retry, spending the attempt or not",
      withStore(async (store) => {
        const [a, b] = await acceptAll(store, [message(T0), message(T0 + 1)]);
        await store.claim(2, T0 + 1, LEASE);
        await store.finish(a as string, {
          kind: "retry",
          error: TRANSIENT,
          notBefore: T0 + 1000,
          countAttempt: true,
          at: T0 + 2,
        });
        await store.finish(b as string, {
          kind: "retry",
          error: { code: "Throttling", message: "slow down", permanent: false },
          notBefore: T0 + 500,
          countAttempt: false,
          at: T0 + 2,
        });
        const ra = await store.get(a as string);
        assert.equal(ra?.state, "queued");
        assert.equal(ra?.attempts, 1);
        assert.equal(ra?.nextAttemptAt, T0 + 1000);
        assert.deepEqual(ra?.lastError, TRANSIENT);
        assert.equal((await store.get(b as string))?.attempts, 0);
        assert.equal(await store.backlog(), 2);
        assert.deepEqual(await store.claim(10, T0 + 499, LEASE), []);
        assert.equal(await store.nextDueAt(), T0 + 500);
        const c1 = await store.claim(10, T0 + 500, LEASE);
        assert.deepEqual(
          c1.map((c) => [c.id, c.attempts]),
          [[b, 1]],
        );
        const c2 = await store.claim(10, T0 + 1000, LEASE);
        assert.deepEqual(
          c2.map((c) => [c.id, c.attempts]),
          [[a, 2]],
        );
        await store.finish(a as string, { kind: "sent", sesMessageId: "s", at: T0 + 1001 });
        assert.equal((await store.get(a as string))?.lastError, undefined);
      }),
    );

    it(
      "finishes as failed, rejected or not",
      withStore(async (store) => {
        const [a, b] = await acceptAll(store, [message(T0), message(T0 + 1)]);
        await store.claim(2, T0 + 1, LEASE);
        await store.finish(a as string, { kind: "failed", error: REJECTED, rejected: true, at: 9 });
        await store.finish(b as string, {
          kind: "failed",
          error: TRANSIENT,
          rejected: false,
          at: T0 + 9,
        });
        const ra = await store.get(a as string);
        assert.equal(ra?.state, "failed");
        assert.equal(ra?.rejected, true);
        assert.deepEqual(ra?.lastError, REJECTED);
        assert.equal(ra?.sentAt, undefined);
        assert.equal((await store.get(b as string))?.rejected, false);
        const c = await store.counts(T0 + 10);
        assert.equal(c.failed, 2);
        assert.equal(c.rejected, 1);
        assert.equal(await store.backlog(), 0);
      }),
    );

    it(
      "releases claimed messages without spending the attempt",
      withStore(async (store) => {
        const ids = await acceptAll(store, [message(T0), message(T0 + 1)]);
        await store.claim(2, T0 + 1, LEASE);
        await store.release(ids);
        await store.release([newId(T0)]);
        for (const id of ids) {
          const r = await store.get(id);
          assert.equal(r?.state, "queued");
          assert.equal(r?.attempts, 0);
        }
        const again = await store.claim(5, T0 + 2, LEASE);
        assert.deepEqual(
          again.map((c) => [c.id, c.attempts]),
          ids.map((id) => [id, 1]),
        );
      }),
    );

    it(
      "retries failed messages by id and all at once",
      withStore(async (store) => {
        const ids = await acceptAll(store, [
          message(T0),
          message(T0 + 1),
          message(T0 + 2),
          message(T0 + 3),
        ]);
        await store.claim(4, T0 + 3, LEASE);
        for (const id of ids.slice(0, 3))
          await store.finish(id, { kind: "failed", error: REJECTED, rejected: true, at: T0 + 4 });
        await store.finish(ids[3] as string, { kind: "sent", sesMessageId: "s", at: T0 + 4 });
        // Only failed ones count; a sent or unknown id is left alone.
        assert.equal(
          await store.retryFailed([ids[0] as string, ids[3] as string, newId(T0)], T0 + 10),
          1,
        );
        const r = await store.get(ids[0] as string);
        assert.equal(r?.state, "queued");
        assert.equal(r?.attempts, 0);
        assert.equal(r?.rejected, false);
        assert.equal(r?.finishedAt, undefined);
        assert.equal(r?.nextAttemptAt, T0 + 10);
        assert.equal(await store.backlog(), 1);
        assert.equal(await store.retryFailed("all", T0 + 20), 2);
        assert.equal(await store.retryFailed("all", T0 + 20), 0);
        assert.equal((await store.counts(T0 + 20)).failed, 0);
        assert.equal((await store.counts(T0 + 20)).rejected, 0);
        assert.equal((await store.claim(10, T0 + 20, LEASE)).length, 3);
        assert.equal((await store.get(ids[3] as string))?.state, "sent");
      }),
    );

    it(
      "cancels queued messages only",
      withStore(async (store) => {
        const [a, b] = await acceptAll(store, [message(T0), message(T0 + 1)]);
        await store.claim(1, T0, LEASE);
        assert.equal(await store.cancel(a as string, T0 + 5), "not-queued");
        assert.equal(await store.cancel(newId(T0), T0 + 5), "not-found");
        const r = await store.cancel(b as string, T0 + 5);
        assert.ok(typeof r === "object");
        assert.equal(r.state, "cancelled");
        assert.equal(r.finishedAt, T0 + 5);
        assert.equal(r.nextAttemptAt, undefined);
        assert.equal(await store.cancel(b as string, T0 + 6), "not-queued");
        assert.equal(await store.backlog(), 1);
        assert.equal((await store.counts(T0 + 6)).cancelled, 1);
        assert.deepEqual(await store.claim(10, T0 + 10, LEASE), []);
      }),
    );

    it(
      "replays a key with the same content, conflicts on different content, per scope",
      withStore(async (store) => {
        const first = message(T0, { idempotencyKey: "order-1" });
        const [id] = await acceptAll(store, [first]);
        const since = { maxBacklog: 1000, idempotencySince: T0 - 1 };
        const replay = message(T0 + 1, { idempotencyKey: "order-1" });
        const conflict = message(T0 + 2, { idempotencyKey: "order-1", contentHash: "hash-2" });
        const other = message(T0 + 3, { idempotencyKey: "order-1", scope: "tenant-b" });
        assert.deepEqual(await store.accept([replay, conflict, other], since), [
          { kind: "replayed", id },
          { kind: "conflict", id },
          { kind: "accepted", id: other.id },
        ]);
        assert.equal(await store.get(replay.id), undefined);
        // Twice in one batch: the second is a replay of the first.
        const x = message(T0 + 4, { idempotencyKey: "twice" });
        const y = message(T0 + 5, { idempotencyKey: "twice" });
        assert.deepEqual(await store.accept([x, y], since), [
          { kind: "accepted", id: x.id },
          { kind: "replayed", id: x.id },
        ]);
        // Outside the window the key is free again.
        const late = message(T0 + 6, { idempotencyKey: "order-1", contentHash: "hash-3" });
        assert.deepEqual(
          await store.accept([late], { maxBacklog: 1000, idempotencySince: T0 + 1 }),
          [{ kind: "accepted", id: late.id }],
        );
        const again = message(T0 + 7, { idempotencyKey: "order-1", contentHash: "hash-3" });
        assert.deepEqual(await store.accept([again], since), [{ kind: "replayed", id: late.id }]);
      }),
    );

    it(
      "answers full past the backlog limit, replays still answered",
      withStore(async (store) => {
        const keyed = message(T0, { idempotencyKey: "k" });
        const limit = { maxBacklog: 2, idempotencySince: 0 };
        const out = await store.accept([keyed, message(T0 + 1), message(T0 + 2)], limit);
        assert.deepEqual(
          out.map((o) => o.kind),
          ["accepted", "accepted", "full"],
        );
        assert.equal(await store.backlog(), 2);
        assert.deepEqual(await store.accept([message(T0 + 3, { idempotencyKey: "k" })], limit), [
          { kind: "replayed", id: keyed.id },
        ]);
        // Sending still counts; finishing makes room.
        const [c] = await store.claim(1, T0 + 3, LEASE);
        assert.deepEqual(
          (await store.accept([message(T0 + 4)], limit)).map((o) => o.kind),
          ["full"],
        );
        await store.finish(c?.id as string, { kind: "sent", sesMessageId: "s", at: T0 + 5 });
        assert.deepEqual(
          (await store.accept([message(T0 + 6)], limit)).map((o) => o.kind),
          ["accepted"],
        );
      }),
    );

    it(
      "lists newest first, page by page, optionally by state",
      withStore(async (store) => {
        const ids = await acceptAll(
          store,
          Array.from({ length: 7 }, (_, i) => message(T0 + i)),
        );
        await store.claim(2, T0 + 10, LEASE);
        await store.finish(ids[0] as string, { kind: "sent", sesMessageId: "s", at: T0 + 11 });
        const newestFirst = [...ids].reverse();
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await store.list({ state: undefined, limit: 3, cursor });
          seen.push(...page.messages.map((m) => m.id));
          cursor = page.nextCursor;
          pages += 1;
        } while (cursor !== undefined);
        assert.deepEqual(seen, newestFirst);
        assert.equal(pages, 3);
        const exact = await store.list({ state: undefined, limit: 7, cursor: undefined });
        assert.equal(exact.messages.length, 7);
        assert.equal(exact.nextCursor, undefined, "no empty last page");
        const queued = await store.list({ state: "queued", limit: 3, cursor: undefined });
        assert.deepEqual(
          queued.messages.map((m) => m.id),
          newestFirst.slice(0, 3),
        );
        const rest = await store.list({ state: "queued", limit: 3, cursor: queued.nextCursor });
        assert.deepEqual(
          rest.messages.map((m) => m.id),
          newestFirst.slice(3, 5),
        );
        assert.equal(rest.nextCursor, undefined);
        const sent = await store.list({ state: "sent", limit: 10, cursor: undefined });
        assert.deepEqual(
          sent.messages.map((m) => [m.id, m.state]),
          [[ids[0], "sent"]],
        );
        assert.deepEqual(
          (await store.list({ state: "failed", limit: 10, cursor: undefined })).messages,
          [],
        );
      }),
    );

    it(
      "purges bodies, then records, of finished messages, and old idempotency keys",
      withStore(async (store) => {
        const [old, recent, waiting] = await acceptAll(store, [
          message(T0, { idempotencyKey: "k-old" }),
          message(T0 + 1),
          message(T0 + 2),
        ]);
        await store.claim(2, T0 + 1, LEASE);
        await store.finish(old as string, {
          kind: "failed",
          error: REJECTED,
          rejected: true,
          at: T0 + 10,
        });
        await store.finish(recent as string, { kind: "sent", sesMessageId: "s", at: T0 + 20 });
        const cut = await store.purge({ bodies: T0 + 15, records: T0, keys: T0 + 1 });
        if (store.capabilities.keepsRecords) {
          assert.deepEqual(cut, { bodies: 1, records: 0 });
          const r = await store.get(old as string);
          assert.equal(r?.state, "failed");
          assert.equal(r?.envelope.subject, `subject ${T0}`);
        } else {
          assert.equal(cut.bodies + cut.records, 1);
          assert.equal(await store.get(old as string), undefined);
        }
        // Without its body the message cannot be sent again.
        assert.equal(await store.retryFailed([old as string], T0 + 30), 0);
        assert.equal(await store.retryFailed("all", T0 + 30), 0);
        assert.equal((await store.get(recent as string))?.state, "sent");
        assert.equal((await store.get(waiting as string))?.state, "queued", "queued is kept");
        // The key is gone: the same key is a new message even within a wide window.
        const reuse = message(T0 + 40, { idempotencyKey: "k-old", contentHash: "other" });
        assert.deepEqual(await store.accept([reuse], OPEN), [{ kind: "accepted", id: reuse.id }]);
        const all = await store.purge({ bodies: T0 + 100, records: T0 + 100, keys: 0 });
        assert.equal(all.records, store.capabilities.keepsRecords ? 2 : 1);
        assert.equal(await store.get(recent as string), undefined);
        assert.equal((await store.get(waiting as string))?.state, "queued");
        const c = await store.counts(T0 + 100);
        assert.equal(c.sent + c.failed + c.rejected, 0);
        assert.equal(c.queued, 2);
      }),
    );

    it(
      "counts by state, retry waits and the oldest queued",
      withStore(async (store) => {
        const empty = await store.counts(T0);
        assert.deepEqual(empty, {
          queued: 0,
          sending: 0,
          sent: 0,
          failed: 0,
          rejected: 0,
          cancelled: 0,
          retryWaiting: 0,
          oldestQueuedAt: undefined,
        });
        const ids = await acceptAll(
          store,
          Array.from({ length: 6 }, (_, i) => message(T0 + i)),
        );
        await store.claim(4, T0 + 10, LEASE);
        await store.finish(ids[0] as string, { kind: "sent", sesMessageId: "s", at: T0 + 11 });
        await store.finish(ids[1] as string, {
          kind: "failed",
          error: REJECTED,
          rejected: true,
          at: T0 + 11,
        });
        await store.finish(ids[2] as string, {
          kind: "retry",
          error: TRANSIENT,
          notBefore: T0 + 1000,
          countAttempt: true,
          at: T0 + 11,
        });
        await store.cancel(ids[5] as string, T0 + 12);
        assert.deepEqual(await store.counts(T0 + 20), {
          queued: 2,
          sending: 1,
          sent: 1,
          failed: 1,
          rejected: 1,
          cancelled: 1,
          retryWaiting: 1,
          oldestQueuedAt: T0 + 2,
        });
        assert.equal((await store.counts(T0 + 1000)).retryWaiting, 0);
        assert.equal(await store.backlog(), 3);
      }),
    );
  });
}
