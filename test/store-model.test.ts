import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import fc from "fast-check";
import { createMemoryStore } from "../src/store/memory-store.ts";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.ts";
import type { AttemptResult, NewMessage, Store } from "../src/store/types.ts";
import { message } from "./store-conformance.ts";

// The memory engine is the reference: any sequence of operations must give the same answers
// and counts on SQLite.

const T0 = 1_700_000_000_000;
const LEASE = 100;
const root = await mkdtemp(join(tmpdir(), "asyncses-model-"));
after(() => rm(root, { recursive: true, force: true }));
let runs = 0;

type Op =
  | { op: "accept"; items: { key: number; hash: number }[]; max: number }
  | { op: "claim"; limit: number }
  | { op: "finish"; pick: number; result: "sent" | "retry" | "retry-free" | "failed" | "rejected" }
  | { op: "release"; pick: number }
  | { op: "requeue" }
  | { op: "retry"; pick: number; all: boolean }
  | { op: "cancel"; pick: number }
  | { op: "wait"; ms: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant("accept" as const),
    items: fc.array(fc.record({ key: fc.nat(4), hash: fc.nat(1) }), { minLength: 1, maxLength: 4 }),
    max: fc.integer({ min: 1, max: 12 }),
  }),
  fc.record({ op: fc.constant("claim" as const), limit: fc.nat(4) }),
  fc.record({
    op: fc.constant("finish" as const),
    pick: fc.nat(),
    result: fc.constantFrom("sent", "retry", "retry-free", "failed", "rejected"),
  }),
  fc.record({ op: fc.constant("release" as const), pick: fc.nat() }),
  fc.record({ op: fc.constant("requeue" as const) }),
  fc.record({ op: fc.constant("retry" as const), pick: fc.nat(), all: fc.boolean() }),
  fc.record({ op: fc.constant("cancel" as const), pick: fc.nat() }),
  fc.record({ op: fc.constant("wait" as const), ms: fc.integer({ min: 1, max: 150 }) }),
);

function resultOf(kind: string, now: number): AttemptResult {
  const error = { code: "E", message: kind, permanent: kind !== "retry" };
  if (kind === "sent") return { kind: "sent", sesMessageId: `ses-${now}`, at: now };
  if (kind === "retry" || kind === "retry-free")
    return { kind: "retry", error, notBefore: now + 50, countAttempt: kind === "retry", at: now };
  return { kind: "failed", error, rejected: kind === "rejected", at: now };
}

/** One engine under test: the store, the messages it may still be given, ids it accepted and leased. */
interface Subject {
  readonly store: Store;
  readonly made: NewMessage[];
  readonly ids: string[];
  leased: string[];
}

/** Applies one operation; returns what the store answered, in a comparable form. */
async function apply(s: Subject, op: Op, now: number) {
  const { store, made, ids } = s;
  const pick = (n: number) => ids[n % Math.max(1, ids.length)] ?? "";
  // Outcomes and releases mostly concern leased messages, as in the worker pool.
  const pickLeased = (n: number) =>
    s.leased.length > 0 && n % 4 !== 0 ? (s.leased[n % s.leased.length] as string) : pick(n);
  switch (op.op) {
    case "accept": {
      const items = made.splice(0, op.items.length);
      op.items.forEach((it, i) => {
        items[i] = {
          ...(items[i] as NewMessage),
          acceptedAt: now,
          idempotencyKey: it.key === 0 ? "" : `key-${it.key}`,
          contentHash: `hash-${it.hash}`,
        };
      });
      const out = await store.accept(items, { maxBacklog: op.max, idempotencySince: now - 300 });
      for (const o of out) if (o.kind === "accepted") ids.push(o.id);
      return out;
    }
    case "claim": {
      const claimed = await store.claim(op.limit, now, LEASE);
      s.leased.push(...claimed.map((c) => c.id));
      return claimed.map((c) => [c.id, c.attempts, c.leaseUntil]);
    }
    case "finish": {
      const id = pickLeased(op.pick);
      s.leased = s.leased.filter((x) => x !== id);
      return store.finish(id, resultOf(op.result, now));
    }
    case "release": {
      const id = pickLeased(op.pick);
      s.leased = s.leased.filter((x) => x !== id);
      return store.release([id, pick(op.pick + 1)]);
    }
    case "requeue":
      return store.requeueExpired(now);
    case "retry":
      return store.retryFailed(op.all ? "all" : [pick(op.pick)], now);
    case "cancel": {
      const r = await store.cancel(pick(op.pick), now);
      return typeof r === "string" ? r : r.state;
    }
    case "wait":
      return undefined;
  }
}

test("sqlite answers every sequence of operations as the memory engine does", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 40 }), async (ops) => {
      const memory = createMemoryStore();
      const sqlite = openSqliteStore(join(root, `run-${runs++}`));
      try {
        // Both engines get the same messages (same ids).
        const pool = Array.from({ length: 200 }, (_, i) => message(T0 + i));
        const ref: Subject = { store: memory, made: pool.slice(), ids: [], leased: [] };
        const sub: Subject = { store: sqlite, made: pool.slice(), ids: [], leased: [] };
        let now = T0;
        for (const op of ops) {
          if (op.op === "wait") now += op.ms;
          const a = await apply(ref, op, now);
          const b = await apply(sub, op, now);
          assert.deepEqual(b, a, `answers to ${JSON.stringify(op)}`);
          assert.deepEqual(await sqlite.counts(now), await memory.counts(now), "counts");
          assert.equal(await sqlite.backlog(), await memory.backlog(), "backlog");
          assert.equal(await sqlite.nextDueAt(), await memory.nextDueAt(), "nextDueAt");
        }
        for (const state of [undefined, "queued", "sending", "failed"] as const) {
          const q = { state, limit: 1000, cursor: undefined };
          const [x, y] = [await memory.list(q), await sqlite.list(q)];
          assert.deepEqual(y.messages, x.messages, `list ${state}`);
        }
      } finally {
        await sqlite.close();
      }
    }),
    { numRuns: 60 },
  );
});
