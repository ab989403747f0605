import type { DatabaseSync } from "node:sqlite";
import { createBatcher } from "../../util/batcher.ts";
import type { AcceptOutcome, AttemptResult, ClaimedMessage, StateCounts, Store } from "../types.ts";
import { openDatabase, type SyncMode } from "./open.ts";
import { insertParams, type Row, recordFromRow } from "./rows.ts";
import { prepareStatements } from "./statements.ts";
import { createTransaction } from "./transaction.ts";

/** Rows touched per statement in bulk work, so one call never blocks the event loop for long. */
const CHUNK = 1000;

/** Opens the SQLite engine on `<dataDir>/asyncses.db`. */
export function openSqliteStore(dataDir: string, sync?: SyncMode): Store {
  return createSqliteStore(openDatabase(dataDir, sync));
}

/**
 * The SQLite engine: durable, one process per file. Every call is a short synchronous
 * transaction; accepts arrive group-committed from the outbox, and outcomes are
 * group-committed here, so fifty workers share one commit.
 */
export function createSqliteStore(db: DatabaseSync): Store {
  const s = prepareStatements(db);
  const tx = createTransaction(db);

  // The file is this process's alone (exclusive lock): any lease in it belongs to a process
  // that is gone, so it expires now and the start-up sweep requeues it without waiting.
  s.expireAllLeases.run();

  const finishOne = (id: string, r: AttemptResult) => {
    switch (r.kind) {
      case "sent":
        s.finishSent.run({ ses: r.sesMessageId, at: r.at, id });
        break;
      case "failed":
        s.finishFailed.run(
          r.error.code,
          r.error.message,
          r.error.permanent ? 1 : 0,
          r.rejected ? 1 : 0,
          r.at,
          id,
        );
        break;
      case "retry":
        s.finishRetry.run(
          r.error.code,
          r.error.message,
          r.error.permanent ? 1 : 0,
          r.countAttempt ? 0 : 1,
          r.notBefore,
          id,
        );
        break;
    }
  };
  // Group commit for outcomes: SES's answer is durable before finish resolves.
  const finishes = createBatcher<{ id: string; result: AttemptResult }, void>(async (items) => {
    tx(() => {
      for (const { id, result } of items) finishOne(id, result);
    });
    return items.map(() => undefined);
  }, CHUNK);

  const stateCounts = () => {
    const c: Record<string, number> = {};
    for (const row of s.counts.all()) c[String(row.state)] = Number(row.n);
    return c;
  };
  const backlog = () => {
    const c = stateCounts();
    return (c.queued ?? 0) + (c.sending ?? 0);
  };
  /** Runs a bulk statement chunk by chunk, yielding between chunks; returns rows changed. */
  const inChunks = async (step: () => number): Promise<number> => {
    let total = 0;
    for (;;) {
      const n = step();
      total += n;
      if (n < CHUNK) return total;
      await new Promise((r) => setImmediate(r));
    }
  };
  let closed = false;

  return {
    engine: "sqlite",
    capabilities: { durable: true, shared: false, keepsRecords: true },

    async accept(items, { maxBacklog, idempotencySince }) {
      return tx(() => {
        let room = maxBacklog - backlog();
        const out: AcceptOutcome[] = [];
        for (const m of items) {
          if (m.idempotencyKey !== "") {
            const prior = s.findKey.get(m.scope, m.idempotencyKey);
            if (prior && Number(prior.created_at) >= idempotencySince) {
              const id = String(prior.message_id);
              out.push({
                kind: prior.content_hash === m.contentHash ? "replayed" : "conflict",
                id,
              });
              continue;
            }
          }
          if (room <= 0) {
            out.push({ kind: "full" });
            continue;
          }
          s.insert.run(...insertParams(m));
          if (m.idempotencyKey !== "")
            s.putKey.run(m.scope, m.idempotencyKey, m.id, m.contentHash, m.acceptedAt);
          room -= 1;
          out.push({ kind: "accepted", id: m.id });
        }
        return out;
      });
    },

    async claim(limit, now, leaseMs) {
      if (limit <= 0) return [];
      const rows = s.claim.all({ now, lease: now + leaseMs, limit });
      rows.sort(
        (a, b) =>
          Number(a.next_attempt_at) - Number(b.next_attempt_at) || Number(a.seq) - Number(b.seq),
      );
      return rows.map(
        (r): ClaimedMessage => ({
          id: String(r.id),
          payload: r.payload as Uint8Array,
          recipientCount: Number(r.recipient_count),
          attempts: Number(r.attempts),
          acceptedAt: Number(r.accepted_at),
          leaseUntil: now + leaseMs,
        }),
      );
    },

    finish(id, result) {
      return finishes.submit({ id, result });
    },

    async release(ids) {
      for (let i = 0; i < ids.length; i += CHUNK)
        s.release.run(JSON.stringify(ids.slice(i, i + CHUNK)));
    },

    async requeueExpired(now) {
      return Number(s.requeueExpired.run({ now }).changes);
    },

    async nextDueAt() {
      const at = s.nextDue.get()?.at;
      return at === null || at === undefined ? undefined : Number(at);
    },

    async get(id) {
      const row = s.get.get(id);
      return row ? recordFromRow(row) : undefined;
    },

    async list(query) {
      let before = Number.MAX_SAFE_INTEGER;
      if (query.cursor !== undefined) {
        before = Number(query.cursor);
        if (!Number.isSafeInteger(before)) return { messages: [], nextCursor: undefined };
      }
      const limit = query.limit + 1;
      const rows: Row[] =
        query.state === undefined
          ? s.listAll.all(before, limit)
          : s.listState.all(query.state, before, limit);
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        messages: page.map(recordFromRow),
        nextCursor: rows.length > query.limit && last ? String(last.seq) : undefined,
      };
    },

    async retryFailed(ids, now) {
      if (ids !== "all") {
        return tx(() => {
          let n = 0;
          for (const id of ids) n += Number(s.retryOne.run(now, id).changes);
          return n;
        });
      }
      let after = 0;
      return inChunks(() => {
        const rows = s.retrySome.all({ now, after, limit: CHUNK });
        for (const r of rows) after = Math.max(after, Number(r.seq));
        return rows.length;
      });
    },

    async cancel(id, now) {
      const row = s.cancel.get(now, id);
      if (row) return recordFromRow(row);
      return s.stateOf.get(id) ? "not-queued" : "not-found";
    },

    async counts(now): Promise<StateCounts> {
      const c = stateCounts();
      const oldest = s.oldestQueued.get()?.accepted_at;
      return {
        queued: c.queued ?? 0,
        sending: c.sending ?? 0,
        sent: c.sent ?? 0,
        failed: c.failed ?? 0,
        rejected: c.rejected ?? 0,
        cancelled: c.cancelled ?? 0,
        retryWaiting: Number(s.retryWaiting.get(now)?.n ?? 0),
        oldestQueuedAt: oldest === undefined || oldest === null ? undefined : Number(oldest),
      };
    },

    async backlog() {
      return backlog();
    },

    async purge({ bodies, records, keys }) {
      const dropped = await inChunks(() => Number(s.purgeBodies.run(bodies, CHUNK).changes));
      const deleted = await inChunks(() => Number(s.purgeRecords.run(records, CHUNK).changes));
      await inChunks(() => Number(s.purgeKeys.run(keys, CHUNK).changes));
      return { bodies: dropped, records: deleted };
    },

    async close() {
      if (closed) return;
      closed = true;
      // Callers close after the workers stopped, so every finish has committed.
      db.close();
    },
  };
}
