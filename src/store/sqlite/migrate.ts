import { readdirSync, readFileSync } from "node:fs";
import type { DatabaseSync } from "node:sqlite";
import { createTransaction } from "./transaction.ts";

/** One numbered migration file. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** The folder of numbered `.sql` files shipped beside this module. */
export const MIGRATIONS_DIR = new URL("./migrations/", import.meta.url);

/** Reads `NNNN_name.sql` files from a folder, in version order. */
export function readMigrations(dir: URL = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir).filter((f) => f.endsWith(".sql"));
  const migrations = files.map((file) => {
    const match = /^(\d+)_([\w-]+)\.sql$/.exec(file);
    if (!match) throw new Error(`migration file ${file} is not named NNNN_name.sql`);
    return {
      version: Number(match[1]),
      name: match[2] as string,
      sql: readFileSync(new URL(file, dir), "utf8"),
    };
  });
  migrations.sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${i + 1} is missing in ${dir.pathname}`);
  });
  return migrations;
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
