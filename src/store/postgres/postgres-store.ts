import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Pool, PoolClient } from "pg";
import { createBatcher } from "../../util/batcher.ts";
import type {
  AcceptOutcome,
  AttemptResult,
  ClaimedMessage,
  NewMessage,
  SharedLimits,
  StateCounts,
  Store,
} from "../types.ts";
import { openPool, type PostgresOptions } from "./open.ts";
import { envelopeToJson, type Row, recordFromRow } from "./rows.ts";
import { openSharedLimits } from "./shared-limits.ts";
import { SQL } from "./statements.ts";
import { RetryTransaction, transaction } from "./transaction.ts";

/** Rows touched per statement in bulk work, so no statement holds many locks for long. */
const CHUNK = 1000;

/** A name for this instance, unique among those sharing the database: host, pid, random. */
export function newInstanceId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

/** Opens the PostgreSQL engine: a pool on the database, its schema migrated. */
export async function openPostgresStore(
  opts: PostgresOptions & { readonly instance?: string },
): Promise<PostgresStore> {
  return createPostgresStore(await openPool(opts), opts.instance ?? newInstanceId());
}

/** The PostgreSQL engine, with what the shared sending limits need from it. */
export interface PostgresStore extends Store {
  /** The pool, for the engine's other parts (the shared rate and quota); closed with the store. */
  readonly pool: Pool;
  /** This instance's name, recorded as the owner of its leases. */
  readonly instance: string;
  openSharedLimits(opts: {
    readonly rate: number;
    readonly now: () => number;
  }): Promise<SharedLimits>;
}

/**
 * The PostgreSQL engine: several instances share one outbox. Claims take due messages with
 * FOR UPDATE SKIP LOCKED and lease them to this instance; outcomes are group-committed, each
 * batch one statement; counts come from sharded counters kept by triggers.
 */
export function createPostgresStore(pool: Pool, instance: string): PostgresStore {
  const q = async (sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows;
  // The lease of each message this instance holds, so an outcome finishes only that lease.
  const leases = new Map<string, number>();

  const finishAll = async (items: { id: string; result: AttemptResult }[]) => {
    const seen = new Set<string>();
    const cols: unknown[][] = Array.from({ length: 12 }, () => []);
    for (const { id, result: r } of items) {
      if (seen.has(id)) continue; // the first outcome wins, as on the other engines
      seen.add(id);
      const lease = leases.get(id);
      leases.delete(id);
      const error = r.kind === "sent" ? undefined : r.error;
      const row = [
        id,
        lease ?? null,
        r.kind === "sent" ? "sent" : r.kind === "failed" ? "failed" : "queued",
        r.kind === "sent" ? r.sesMessageId : null,
        error?.code ?? null,
        error?.message ?? null,
        error === undefined ? null : error.permanent,
        r.kind === "failed" ? r.rejected : null,
        r.kind === "sent" ? r.at : null,
        r.kind === "retry" ? null : r.at,
        r.kind === "retry" && !r.countAttempt ? 1 : 0,
        r.kind === "retry" ? r.notBefore : null,
      ];
      row.forEach((v, i) => {
        cols[i]?.push(v);
      });
    }
    await pool.query(SQL.finish, [...cols, instance]);
    return items.map(() => undefined);
  };
  // Group commit for outcomes: SES's answer is durable before finish resolves.
  const finishes = createBatcher(finishAll, CHUNK);

  const backlog = async (client: Pool | PoolClient = pool) =>
    Number((await client.query(SQL.backlog)).rows[0]?.n ?? 0);

  const acceptIn = async (
    client: PoolClient,
    items: readonly NewMessage[],
    maxBacklog: number,
    since: number,
  ): Promise<AcceptOutcome[]> => {
    const scoped = (scope: string, key: string) => `${scope}\u0000${key}`;
    const known = new Map<string, { id: string; hash: string }>();
    const keyed = items.filter((m) => m.idempotencyKey !== "");
    if (keyed.length > 0) {
      const { rows } = await client.query(SQL.findKeys, [
        keyed.map((m) => m.scope),
        keyed.map((m) => m.idempotencyKey),
        since,
      ]);
      for (const r of rows)
        known.set(scoped(r.scope, r.key), { id: r.message_id, hash: r.content_hash });
    }
    let room = maxBacklog - (await backlog(client));
    const out: AcceptOutcome[] = [];
    const fresh: NewMessage[] = [];
    for (const m of items) {
      const key = scoped(m.scope, m.idempotencyKey);
      const prior = m.idempotencyKey === "" ? undefined : known.get(key);
      if (prior) {
        out.push({ kind: prior.hash === m.contentHash ? "replayed" : "conflict", id: prior.id });
        continue;
      }
      if (room <= 0) {
        out.push({ kind: "full" });
        continue;
      }
      if (m.idempotencyKey !== "") known.set(key, { id: m.id, hash: m.contentHash });
      fresh.push(m);
      room -= 1;
      out.push({ kind: "accepted", id: m.id });
    }
    const freshKeyed = fresh.filter((m) => m.idempotencyKey !== "");
    if (freshKeyed.length > 0) {
      const { rowCount } = await client.query(SQL.putKeys, [
        freshKeyed.map((m) => m.scope),
        freshKeyed.map((m) => m.idempotencyKey),
        freshKeyed.map((m) => m.id),
        freshKeyed.map((m) => m.contentHash),
        freshKeyed.map((m) => m.acceptedAt),
        since,
      ]);
      // Another instance stored one of these keys since we looked: look again.
      if (rowCount !== freshKeyed.length) throw new RetryTransaction("idempotency key race");
    }
    if (fresh.length > 0) {
      await client.query(SQL.insert, [
        fresh.map((m) => m.id),
        fresh.map((m) => m.idempotencyKey),
        fresh.map((m) => envelopeToJson(m.envelope)),
        fresh.map((m) => m.payload),
        fresh.map((m) => m.recipientCount),
        fresh.map((m) => m.acceptedAt),
      ]);
    }
    return out;
  };

  const inChunks = async (step: () => Promise<number>): Promise<number> => {
    let total = 0;
    for (;;) {
      const n = await step();
      total += n;
      if (n < CHUNK) return total;
    }
  };
  let closed = false;

  return {
    engine: "postgres",
    capabilities: { durable: true, shared: true, keepsRecords: true },
    pool,
    instance,

    accept(items, { maxBacklog, idempotencySince }) {
      return transaction(pool, (client) => acceptIn(client, items, maxBacklog, idempotencySince));
    },

    async claim(limit, now, leaseMs) {
      if (limit <= 0) return [];
      const until = now + leaseMs;
      const rows = await q(SQL.claim, [now, until, limit, instance]);
      rows.sort(
        (a, b) =>
          Number(a.next_attempt_at) - Number(b.next_attempt_at) || Number(a.seq) - Number(b.seq),
      );
      return rows.map((r): ClaimedMessage => {
        const id = String(r.id);
        leases.set(id, until);
        return {
          id,
          payload: r.payload as Uint8Array,
          recipientCount: Number(r.recipient_count),
          attempts: Number(r.attempts),
          acceptedAt: Number(r.accepted_at),
          leaseUntil: until,
        };
      });
    },

    finish(id, result) {
      return finishes.submit({ id, result });
    },

    async release(ids) {
      for (let i = 0; i < ids.length; i += CHUNK) {
        const chunk = ids.slice(i, i + CHUNK);
        for (const id of chunk) leases.delete(id);
        await q(SQL.release, [chunk, instance]);
      }
    },

    async requeueExpired(now) {
      return (await pool.query(SQL.requeueExpired, [now])).rowCount ?? 0;
    },

    async nextDueAt() {
      const at = (await q(SQL.nextDue))[0]?.at;
      return at === null || at === undefined ? undefined : Number(at);
    },

    async get(id) {
      const row = (await q(SQL.get, [id]))[0];
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
          ? await q(SQL.listAll, [before, limit])
          : await q(SQL.listState, [query.state, before, limit]);
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        messages: page.map(recordFromRow),
        nextCursor: rows.length > query.limit && last ? String(last.seq) : undefined,
      };
    },

    async retryFailed(ids, now) {
      if (ids !== "all") {
        if (ids.length === 0) return 0;
        return (await pool.query(SQL.retryIds, [now, ids])).rowCount ?? 0;
      }
      let after = 0;
      return inChunks(async () => {
        const rows = await q(SQL.retrySome, [now, after, CHUNK]);
        for (const r of rows) after = Math.max(after, Number(r.seq));
        return rows.length;
      });
    },

    async cancel(id, now) {
      const row = (await q(SQL.cancel, [now, id]))[0];
      if (row) return recordFromRow(row);
      return (await q(SQL.exists, [id])).length > 0 ? "not-queued" : "not-found";
    },

    async counts(now): Promise<StateCounts> {
      const [byState, waiting, oldest] = await Promise.all([
        q(SQL.counts),
        q(SQL.retryWaiting, [now]),
        q(SQL.oldestQueued),
      ]);
      const c: Record<string, number> = {};
      for (const r of byState) c[String(r.state)] = Number(r.n);
      const at = oldest[0]?.accepted_at;
      return {
        queued: c.queued ?? 0,
        sending: c.sending ?? 0,
        sent: c.sent ?? 0,
        failed: c.failed ?? 0,
        rejected: c.rejected ?? 0,
        cancelled: c.cancelled ?? 0,
        retryWaiting: Number(waiting[0]?.n ?? 0),
        oldestQueuedAt: at === undefined || at === null ? undefined : Number(at),
      };
    },

    backlog() {
      return backlog();
    },

    async purge({ bodies, records, keys }) {
      const run = (sql: string, cutoff: number) => async () =>
        (await pool.query(sql, [cutoff, CHUNK])).rowCount ?? 0;
      const dropped = await inChunks(run(SQL.purgeBodies, bodies));
      const deleted = await inChunks(run(SQL.purgeRecords, records));
      await inChunks(run(SQL.purgeKeys, keys));
      return { bodies: dropped, records: deleted };
    },

    openSharedLimits(opts) {
      return openSharedLimits(pool, instance, opts);
    },

    async close() {
      if (closed) return;
      closed = true;
      // Callers close after the workers stopped, so every finish has committed.
      await pool.end();
    },
  };
}
