import type { DatabaseSync } from "node:sqlite";
import { type Migration, readMigrations } from "../migrations.ts";
import { createTransaction } from "./transaction.ts";

export type { Migration } from "../migrations.ts";

/** The folder of numbered `.sql` files shipped beside this module. */
export const MIGRATIONS_DIR = new URL("./migrations/", import.meta.url);

/** This engine's migrations, in version order. */
export function readSqliteMigrations(dir: URL = MIGRATIONS_DIR): Migration[] {
  return readMigrations(dir);
}

/**
 * Brings the schema up to date: each migration not yet in schema_migrations runs in its own
 * transaction with its record, so a failure leaves the schema at the last good version.
 * Refuses a database made by a newer version of the service. Returns the versions applied.
 */
export function migrate(db: DatabaseSync, migrations: readonly Migration[]): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  const row = db.prepare("SELECT max(version) AS v FROM schema_migrations").get();
  const current = Number(row?.v ?? 0);
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(
      `its schema is version ${current}, newer than this AsyncSES knows (${latest}); run a newer release`,
    );
  }
  const record = db.prepare(
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
  );
  const tx = createTransaction(db);
  const applied: number[] = [];
  for (const m of migrations) {
    if (m.version <= current) continue;
    tx(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, Date.now());
    });
    applied.push(m.version);
  }
  return applied;
}
