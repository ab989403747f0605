import type { DatabaseSync } from "node:sqlite";

/**
 * Runs `fn` in one write transaction (BEGIN IMMEDIATE ... COMMIT), rolling back if it throws.
 * `fn` must be synchronous: nothing else may run on the connection between BEGIN and COMMIT.
 */
export function transaction<T>(db: DatabaseSync, fn: () => T): T {
  db.exec("BEGIN IMMEDIATE");
  try {
    const out = fn();
    db.exec("COMMIT");
    return out;
  } catch (err) {
    if (db.isTransaction) db.exec("ROLLBACK");
    throw err;
  }
}
