import type { Pool } from "pg";
import { type Migration, readMigrations } from "../migrations.ts";

export type { Migration } from "../migrations.ts";

/** The folder of numbered `.sql` files shipped beside this module. */
export const MIGRATIONS_DIR = new URL("./migrations/", import.meta.url);

/** The advisory lock every instance takes to migrate: one at a time, per database. */
export const MIGRATION_LOCK = "7305949245730271001";

/** Reads this engine's migrations, in version order. */
export function readPostgresMigrations(dir: URL = MIGRATIONS_DIR): Migration[] {
  return readMigrations(dir);
}

/**
 * Brings the schema up to date under a session advisory lock, so instances starting together
 * wait for the first one instead of racing it: each migration not yet in schema_migrations
 * runs in its own transaction with its record. Refuses a database made by a newer version of
 * the service. Returns the versions applied.
 */
export async function migrate(pool: Pool, migrations: readonly Migration[]): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at bigint NOT NULL
      )`);
      const { rows } = await client.query<{ v: number | null }>(
        "SELECT max(version) AS v FROM schema_migrations",
      );
      const current = Number(rows[0]?.v ?? 0);
      const latest = migrations.at(-1)?.version ?? 0;
      if (current > latest) {
        throw new Error(
          `its schema is version ${current}, newer than this AsyncSES knows (${latest}); run a newer release`,
        );
      }
      const applied: number[] = [];
      for (const m of migrations) {
        if (m.version <= current) continue;
        await client.query("BEGIN");
        try {
          await client.query(m.sql);
          await client.query(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
            [m.version, m.name, Date.now()],
          );
          await client.query("COMMIT");
        } catch (err) {
          await client.query("ROLLBACK");
          throw err;
        }
        applied.push(m.version);
      }
      return applied;
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
