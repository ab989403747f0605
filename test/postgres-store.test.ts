import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import pg from "pg";
import { openPostgresStore, type PostgresStore } from "../src/store/postgres/postgres-store.ts";
import { message } from "./store-conformance.ts";
import { createTestDatabase, postgresMissing, type TestDatabase } from "./support/postgres.ts";
import { runServerToExit, spawnServer } from "./support/server-process.ts";

const T0 = 1_700_000_000_000;
const OPEN = { maxBacklog: 1_000_000, idempotencySince: 0 };
const missing = await postgresMissing();
const root = await mkdtemp(join(tmpdir(), "asyncses-postgres-"));
after(() => rm(root, { recursive: true, force: true }));

/** Runs `fn` with a fresh database and `n` stores (instances) on it; drops it after. */
async function withInstances(
  n: number,
  fn: (
    stores: [PostgresStore, PostgresStore, ...PostgresStore[]],
    db: TestDatabase,
  ) => Promise<void>,
): Promise<void> {
  const db = await createTestDatabase("store");
  const stores: PostgresStore[] = [];
  try {
    for (let i = 0; i < n; i++)
      stores.push(await openPostgresStore({ url: db.url, poolSize: 4, instance: `i${i}` }));
    await fn(stores as [PostgresStore, PostgresStore, ...PostgresStore[]], db);
  } finally {
    for (const s of stores) await s.close();
    await db.drop();
  }
}

async function sql(url: string, text: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

describe("postgres store", { skip: missing }, () => {
  it("migrates once when several instances open an empty database at the same moment", async () => {
    const db = await createTestDatabase("migrate");
    try {
      const stores = await Promise.all(
        Array.from({ length: 4 }, () => openPostgresStore({ url: db.url, poolSize: 2 })),
      );
      await Promise.all(stores.map((s) => s.close()));
      const rows = await sql(db.url, "SELECT version, name FROM schema_migrations ORDER BY 1");
      assert.deepEqual(
        rows.map((r) => r.version),
        rows.map((_, i) => i + 1),
      );
      assert.equal(rows[0]?.name, "init");
      await sql(db.url, "INSERT INTO schema_migrations VALUES (999, 'future', 0)");
      await assert.rejects(
        openPostgresStore({ url: db.url, poolSize: 1 }),
        /cannot use the database postgres:\/\/asyncses:\*\*\*@.*schema is version 999.*run a newer release/,
      );
    } finally {
      await db.drop();
    }
  });

  it("two server processes started together on an empty database both come up", async () => {
    const db = await createTestDatabase("start");
    const env = {
      ASYNCSES_STORE: "postgres",
      ASYNCSES_DATABASE_URL: db.url,
      ASYNCSES_LOG_LEVEL: "info",
      ASYNCSES_SENDER: "file",
      ASYNCSES_MAIL_DIR: join(root, "mail"),
      ASYNCSES_DATA_DIR: join(root, "data"),
    };
    const servers = await Promise.allSettled([spawnServer(env), spawnServer(env)]);
    try {
      for (const s of servers)
        assert.equal(s.status, "fulfilled", String((s as { reason?: unknown }).reason));
      const rows = await sql(
        db.url,
        "SELECT count(*)::int AS n, count(DISTINCT version)::int AS d FROM schema_migrations",
      );
      assert.equal(rows[0]?.n, rows[0]?.d, "each migration recorded once");
    } finally {
      for (const s of servers) {
        if (s.status !== "fulfilled") continue;
        s.value.kill("SIGTERM");
        assert.equal(await s.value.exited, 0, s.value.output().slice(-2000));
      }
      await db.drop();
    }
  });

  it("names the database and the problem in one line when it cannot be reached", async () => {
    const { code, stderr } = await runServerToExit({
      ASYNCSES_STORE: "postgres",
      ASYNCSES_DATABASE_URL: "postgres://someone:secret@127.0.0.1:1/asyncses",
      ASYNCSES_PORT: "0",
      ASYNCSES_LOG_LEVEL: "silent",
    });
    assert.equal(code, 1);
    assert.match(
      stderr,
      /^asyncses: cannot start: cannot use the database postgres:\/\/someone:\*\*\*@127\.0\.0\.1:1\/asyncses: nothing is listening there/,
    );
    assert.ok(!stderr.includes("secret"), "the password is not shown");
    const noUrl = await runServerToExit({
      ASYNCSES_STORE: "postgres",
      ASYNCSES_LOG_LEVEL: "silent",
    });
    assert.equal(noUrl.code, 2);
    assert.match(noUrl.stderr, /ASYNCSES_STORE=postgres needs ASYNCSES_DATABASE_URL/);
  });

  it("instances claiming at once never take the same message", async () => {
    await withInstances(3, async (stores) => {
      const [a] = stores;
      const ms = Array.from({ length: 600 }, (_, i) => message(T0 + i));
      await a.accept(ms, OPEN);
      const taken = new Map<string, string>();
      await Promise.all(
        stores.map(async (s) => {
          for (;;) {
            const got = await s.claim(7, T0 + 1000, 60_000);
            if (got.length === 0) return;
            for (const c of got) {
              assert.equal(taken.get(c.id), undefined, `${c.id} claimed twice`);
              taken.set(c.id, s.instance);
            }
          }
        }),
      );
      assert.equal(taken.size, 600);
      assert.equal(new Set(taken.values()).size, 3, "every instance got some");
      assert.equal((await a.counts(T0 + 1000)).sending, 600);
    });
  });

  it("an idempotency key sent to two instances at once makes one message", async () => {
    await withInstances(2, async ([a, b]) => {
      for (let round = 0; round < 20; round++) {
        const x = message(T0 + round, { idempotencyKey: `k${round}` });
        const y = message(T0 + round, { idempotencyKey: `k${round}` });
        const [[ra], [rb]] = await Promise.all([a.accept([x], OPEN), b.accept([y], OPEN)]);
        assert.deepEqual([ra?.kind, rb?.kind].sort(), ["accepted", "replayed"]);
        assert.equal(ra && "id" in ra && ra.id, rb && "id" in rb && rb.id);
      }
      assert.equal(await a.backlog(), 20);
    });
  });

  it("a dead instance's lease is requeued by another; its late outcome is ignored", async () => {
    await withInstances(2, async ([dead, alive]) => {
      const m = message(T0);
      await dead.accept([m], OPEN);
      await dead.claim(1, T0, 5_000);
      assert.equal(await alive.requeueExpired(T0 + 4_999), 0);
      assert.equal(await alive.requeueExpired(T0 + 5_000), 1);
      const [again] = await alive.claim(1, T0 + 5_000, 5_000);
      assert.equal(again?.attempts, 2);
      // The first instance answers late: the message is the other's now.
      await dead.finish(m.id, { kind: "sent", sesMessageId: "late", at: T0 + 6_000 });
      await dead.release([m.id]);
      assert.equal((await alive.get(m.id))?.state, "sending");
      await alive.finish(m.id, { kind: "sent", sesMessageId: "ses-2", at: T0 + 6_000 });
      const r = await alive.get(m.id);
      assert.equal(r?.sesMessageId, "ses-2");
    });
  });

  it("keeps the sharded counters equal to the rows they count, across instances", async () => {
    await withInstances(2, async (stores, db) => {
      const [a, b] = stores;
      const ms = Array.from({ length: 60 }, (_, i) => message(T0 + i));
      await Promise.all([a.accept(ms.slice(0, 30), OPEN), b.accept(ms.slice(30), OPEN)]);
      const claimed = [
        ...(await a.claim(25, T0 + 100, 60_000)).map((c) => [a, c.id] as const),
        ...(await b.claim(25, T0 + 100, 60_000)).map((c) => [b, c.id] as const),
      ];
      await Promise.all(
        claimed.map(([s, id], i) => {
          const at = T0 + 200;
          if (i % 3 === 0) return s.finish(id, { kind: "sent", sesMessageId: "s", at });
          if (i % 3 === 1)
            return s.finish(id, {
              kind: "failed",
              error: { code: "X", message: "x", permanent: true },
              rejected: i % 2 === 0,
              at,
            });
          return Promise.resolve();
        }),
      );
      await a.release(claimed.filter(([s]) => s === a).map(([, id]) => id));
      await b.cancel(ms[59]?.id as string, T0 + 300);
      await a.retryFailed([claimed[1]?.[1] as string], T0 + 300);
      await b.purge({ bodies: T0 + 250, records: T0 + 250, keys: 0 });
      const counts = await a.counts(T0 + 400);
      const real = Object.fromEntries(
        (await sql(db.url, "SELECT state, count(*)::int AS n FROM messages GROUP BY state")).map(
          (r) => [r.state, r.n],
        ),
      );
      const [rej] = await sql(
        db.url,
        "SELECT count(*)::int AS n FROM messages WHERE state = 'failed' AND rejected",
      );
      for (const state of ["queued", "sending", "sent", "failed", "cancelled"] as const)
        assert.equal(counts[state], real[state] ?? 0, state);
      assert.equal(counts.rejected, rej?.n);
      const [shards] = await sql(
        db.url,
        "SELECT count(DISTINCT shard)::int AS n FROM state_counts",
      );
      assert.ok(Number(shards?.n) >= 1);
    });
  });
});
