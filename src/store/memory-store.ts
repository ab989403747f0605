import { createHeap } from "../util/heap.ts";
import type {
  AcceptOutcome,
  AttemptResult,
  ClaimedMessage,
  ListPage,
  ListQuery,
  MessageRecord,
  MessageState,
  NewMessage,
  StateCounts,
  Store,
  StoredError,
} from "./types.ts";

interface Row {
  readonly seq: number;
  readonly message: NewMessage;
  state: MessageState;
  payload: Uint8Array | undefined;
  attempts: number;
  sesMessageId: string;
  lastError: StoredError | undefined;
  rejected: boolean;
  lastAttemptAt: number | undefined;
  nextAttemptAt: number;
  sentAt: number | undefined;
  finishedAt: number | undefined;
  leaseUntil: number;
}

interface DueEntry {
  readonly id: string;
  readonly at: number;
  readonly seq: number;
}

/**
 * The in-memory engine: the original's behaviour, fast and lost on restart. Queued messages
 * sit in a heap by due time; everything else is a map lookup.
 */
export function createMemoryStore(): Store {
  const rows = new Map<string, Row>();
  const order: string[] = []; // ids by acceptance, oldest first
  const keys = new Map<string, { id: string; hash: string; at: number }>();
  const due = createHeap<DueEntry>((x, y) => x.at - y.at || x.seq - y.seq);
  const leased = new Set<string>();
  let seq = 0;
  let backlog = 0;

  const enqueue = (row: Row) => {
    due.push({ id: row.message.id, at: row.nextAttemptAt, seq: row.seq });
  };
  const toRecord = (row: Row): MessageRecord => ({
    id: row.message.id,
    state: row.state,
    envelope: row.message.envelope,
    recipientCount: row.message.recipientCount,
    attempts: row.attempts,
    sesMessageId: row.sesMessageId,
    lastError: row.lastError,
    rejected: row.rejected,
    idempotencyKey: row.message.idempotencyKey,
    acceptedAt: row.message.acceptedAt,
    lastAttemptAt: row.lastAttemptAt,
    nextAttemptAt: row.state === "queued" ? row.nextAttemptAt : undefined,
    sentAt: row.sentAt,
    finishedAt: row.finishedAt,
  });
  const finishRow = (row: Row, state: MessageState, at: number) => {
    row.state = state;
    row.finishedAt = at;
    backlog -= 1;
  };

  return {
    engine: "memory",
    capabilities: { durable: false, shared: false, keepsRecords: false },

    async accept(items, { maxBacklog, idempotencySince }) {
      const out: AcceptOutcome[] = [];
      for (const m of items) {
        const scoped = `${m.scope}\u0000${m.idempotencyKey}`;
        if (m.idempotencyKey !== "") {
          const prior = keys.get(scoped);
          if (prior && prior.at >= idempotencySince) {
            out.push({
              kind: prior.hash === m.contentHash ? "replayed" : "conflict",
              id: prior.id,
            });
            continue;
          }
        }
        if (backlog >= maxBacklog) {
          out.push({ kind: "full" });
          continue;
        }
        const row: Row = {
          seq: seq++,
          message: m,
          state: "queued",
          payload: m.payload,
          attempts: 0,
          sesMessageId: "",
          lastError: undefined,
          rejected: false,
          lastAttemptAt: undefined,
          nextAttemptAt: m.acceptedAt,
          sentAt: undefined,
          finishedAt: undefined,
          leaseUntil: 0,
        };
        rows.set(m.id, row);
        order.push(m.id);
        if (m.idempotencyKey !== "")
          keys.set(scoped, { id: m.id, hash: m.contentHash, at: m.acceptedAt });
        backlog += 1;
        enqueue(row);
        out.push({ kind: "accepted", id: m.id });
      }
      return out;
    },

    async claim(limit, now, leaseMs) {
      const claimed: ClaimedMessage[] = [];
      while (claimed.length < limit) {
        const top = due.peek();
        if (!top || top.at > now) break;
        due.pop();
        const row = rows.get(top.id);
        if (row?.state !== "queued" || row.nextAttemptAt !== top.at || !row.payload) continue;
        row.state = "sending";
        row.attempts += 1;
        row.lastAttemptAt = now;
        row.leaseUntil = now + leaseMs;
        leased.add(top.id);
        claimed.push({
          id: top.id,
          payload: row.payload,
          recipientCount: row.message.recipientCount,
          attempts: row.attempts,
          acceptedAt: row.message.acceptedAt,
          leaseUntil: row.leaseUntil,
        });
      }
      return claimed;
    },

    async finish(id, result: AttemptResult) {
      const row = rows.get(id);
      if (row?.state !== "sending") return;
      leased.delete(id);
      switch (result.kind) {
        case "sent":
          row.sesMessageId = result.sesMessageId;
          row.sentAt = result.at;
          row.lastError = undefined;
          finishRow(row, "sent", result.at);
          break;
        case "failed":
          row.lastError = result.error;
          row.rejected = result.rejected;
          finishRow(row, "failed", result.at);
          break;
        case "retry":
          row.state = "queued";
          row.lastError = result.error;
          if (!result.countAttempt) row.attempts -= 1;
          row.nextAttemptAt = result.notBefore;
          enqueue(row);
          break;
      }
    },

    async release(ids) {
      for (const id of ids) {
        const row = rows.get(id);
        if (row?.state !== "sending") continue;
        leased.delete(id);
        row.state = "queued";
        row.attempts -= 1;
        enqueue(row);
      }
    },

    async requeueExpired(now) {
      let n = 0;
      for (const id of leased) {
        const row = rows.get(id);
        if (!row || row.leaseUntil > now) continue;
        leased.delete(id);
        row.state = "queued";
        row.nextAttemptAt = now;
        enqueue(row);
        n += 1;
      }
      return n;
    },

    async nextDueAt() {
      while (due.size > 0) {
        const top = due.peek() as DueEntry;
        const row = rows.get(top.id);
        if (row && row.state === "queued" && row.nextAttemptAt === top.at) return top.at;
        due.pop();
      }
      return undefined;
    },

    async get(id) {
      const row = rows.get(id);
      return row ? toRecord(row) : undefined;
    },

    async list(query: ListQuery): Promise<ListPage> {
      const messages: MessageRecord[] = [];
      let i = order.length - 1;
      if (query.cursor !== undefined) {
        const after = rows.get(query.cursor);
        if (!after) return { messages, nextCursor: undefined };
        i = lowerIndex(order, rows, after.seq) - 1;
      }
      for (; i >= 0 && messages.length < query.limit; i--) {
        const row = rows.get(order[i] as string);
        if (!row || (query.state !== undefined && row.state !== query.state)) continue;
        messages.push(toRecord(row));
      }
      const last = messages.at(-1);
      const more = i >= 0 && messages.length === query.limit;
      return { messages, nextCursor: more && last ? last.id : undefined };
    },

    async retryFailed(ids, now) {
      const targets = ids === "all" ? order : ids;
      let n = 0;
      for (const id of targets) {
        const row = rows.get(id);
        if (row?.state !== "failed" || !row.payload) continue;
        row.state = "queued";
        row.attempts = 0;
        row.rejected = false;
        row.finishedAt = undefined;
        row.nextAttemptAt = now;
        backlog += 1;
        enqueue(row);
        n += 1;
      }
      return n;
    },

    async cancel(id, now) {
      const row = rows.get(id);
      if (!row) return "not-found";
      if (row.state !== "queued") return "not-queued";
      finishRow(row, "cancelled", now);
      return toRecord(row);
    },

    async counts(now): Promise<StateCounts> {
      const c = { queued: 0, sending: 0, sent: 0, failed: 0, rejected: 0, cancelled: 0 };
      let retryWaiting = 0;
      let oldestQueuedAt: number | undefined;
      for (const row of rows.values()) {
        c[row.state] += 1;
        if (row.state === "failed" && row.rejected) c.rejected += 1;
        if (row.state === "queued") {
          if (row.nextAttemptAt > now) retryWaiting += 1;
          if (oldestQueuedAt === undefined || row.message.acceptedAt < oldestQueuedAt) {
            oldestQueuedAt = row.message.acceptedAt;
          }
        }
      }
      return { ...c, retryWaiting, oldestQueuedAt };
    },

    async backlog() {
      return backlog;
    },

    async purge(cutoffs) {
      let n = 0;
      for (const [key, entry] of keys) if (entry.at < cutoffs.keys) keys.delete(key);
      // In memory the metadata goes too: this engine must stay bounded on a long run.
      let keep = 0;
      for (const id of order) {
        const row = rows.get(id);
        if (row?.finishedAt !== undefined && row.finishedAt < cutoffs.bodies) {
          rows.delete(id);
          n += 1;
        } else {
          order[keep++] = id;
        }
      }
      order.length = keep;
      return { bodies: 0, records: n };
    },

    async close() {},
  };
}

/** The index in `order` of the first id whose row has a seq >= target (order is by seq). */
function lowerIndex(order: readonly string[], rows: Map<string, Row>, target: number): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const s = rows.get(order[mid] as string)?.seq ?? -1;
    if (s < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
