import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { after, describe, it } from "node:test";
import { DATABASE_FILE, StoreOpenError } from "../src/store/sqlite/open.ts";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.ts";
import { message } from "./store-conformance.ts";

const root = await mkdtemp(join(tmpdir(), "asyncses-sqlite-"));
after(() => rm(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(root, `case-${n++}`);
const T0 = 1_700_000_000_000;
const OPEN = { maxBacklog: 1000, idempotencySince: 0 };

describe("sqlite store", () => {
  it("keeps messages, states and counts across a reopen, and frees leases of the dead process", async () => {
    const dir = freshDir();
    const first = openSqliteStore(dir);
    const ms = [message(T0), message(T0 + 1), message(T0 + 2)];
    await first.accept(ms, OPEN);
    await first.claim(2, T0 + 5, 3_600_000);
    await first.finish(ms[0]?.id as string, { kind: "sent", sesMessageId: "ses-1", at: T0 + 6 });
    await first.close();

    const second = openSqliteStore(dir);
    try {
      const c = await second.counts(T0 + 10);
      assert.deepEqual([c.queued, c.sending, c.sent], [1, 1, 1]);
      assert.equal((await second.get(ms[0]?.id as string))?.sesMessageId, "ses-1");
      // The lease had an hour left, but its process is gone: the start-up sweep takes it back.
      assert.equal(await second.requeueExpired(T0 + 10), 1);
      const claimed = await second.claim(10, T0 + 10, 60_000);
      assert.deepEqual(
        claimed.map((m) => [m.id, m.attempts]),
        [
          [ms[2]?.id, 1],
          [ms[1]?.id, 2],
        ],
      );
      assert.deepEqual(Buffer.from(claimed[1]?.payload ?? []), Buffer.from(ms[1]?.payload ?? []));
    } finally {
      await second.close();
    }
  });

  it("records applied migrations and opens an up-to-date database again", async () => {
    const dir = freshDir();
    await openSqliteStore(dir).close();
    await openSqliteStore(dir).close();
    const db = new DatabaseSync(join(dir, DATABASE_FILE));
    try {
      const rows = db.prepare("SELECT version, name FROM schema_migrations").all();
      assert.deepEqual(
        rows.map((r) => [r.version, r.name]),
        [[1, "init"]],
      );
      assert.equal(db.prepare("PRAGMA journal_mode").get()?.journal_mode, "wal");
      db.exec("INSERT INTO schema_migrations VALUES (999, 'future', 0)");
    } finally {
      db.close();
    }
    assert.throws(() => openSqliteStore(dir), /schema is version 999.*run a newer release/);
  });

  it("lets one process use a data folder at a time", async () => {
    const dir = freshDir();
    const owner = openSqliteStore(dir);
    try {
      assert.throws(
        () => openSqliteStore(dir),
        (err: Error) =>
          err instanceof StoreOpenError &&
          err.message.includes(join(dir, DATABASE_FILE)) &&
          /in use by another AsyncSES process/.test(err.message),
      );
    } finally {
      await owner.close();
    }
    await openSqliteStore(dir).close();
  });

  it("names the path and the problem when the folder cannot be used", async () => {
    const notDb = freshDir();
    await mkdir(notDb);
    await writeFile(
      join(notDb, DATABASE_FILE),
      "these are not the bytes of a database\n".repeat(50),
    );
    assert.throws(
      () => openSqliteStore(notDb),
      (err: Error) =>
        err instanceof StoreOpenError &&
        err.message.includes(join(notDb, DATABASE_FILE)) &&
        /not an SQLite database/.test(err.message),
    );
    const file = join(root, "plain-file");
    await writeFile(file, "x");
    assert.throws(
      () => openSqliteStore(file),
      /data folder .*plain-file: it exists and is not a folder/,
    );
    assert.throws(
      () => openSqliteStore(join(file, "sub")),
      /data folder .*plain-file\/sub: part of the path is a file/,
    );
  });

  it("keeps counters equal to the rows they count", async () => {
    const dir = freshDir();
    const store = openSqliteStore(dir);
    const ms = Array.from({ length: 40 }, (_, i) => message(T0 + i));
    try {
      await store.accept(ms, OPEN);
      const claimed = await store.claim(30, T0 + 100, 60_000);
      for (const [i, c] of claimed.entries()) {
        const at = T0 + 200;
        if (i % 3 === 0) await store.finish(c.id, { kind: "sent", sesMessageId: "s", at });
        else if (i % 3 === 1)
          await store.finish(c.id, {
            kind: "failed",
            error: { code: "X", message: "x", permanent: true },
            rejected: i % 2 === 0,
            at,
          });
      }
      await store.release(claimed.slice(-4).map((c) => c.id));
      await store.cancel(ms[39]?.id as string, T0 + 300);
      await store.retryFailed([claimed[1]?.id as string], T0 + 300);
      await store.purge({ bodies: T0 + 250, records: T0 + 250, keys: 0 });
      const counts = await store.counts(T0 + 400);
      await store.close();
      const db = new DatabaseSync(join(dir, DATABASE_FILE));
      const real = Object.fromEntries(
        db
          .prepare("SELECT state, count(*) AS n FROM messages GROUP BY state")
          .all()
          .map((r) => [r.state, r.n]),
      );
      const rejected = db
        .prepare("SELECT count(*) AS n FROM messages WHERE state = 'failed' AND rejected")
        .get()?.n;
      db.close();
      for (const state of ["queued", "sending", "sent", "failed", "cancelled"] as const)
        assert.equal(counts[state], real[state] ?? 0, state);
      assert.equal(counts.rejected, rejected);
    } finally {
      await store.close();
    }
  });
});
