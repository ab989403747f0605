import type { DatabaseSync } from "node:sqlite";

/** Runs a synchronous function inside one write transaction. */
export type Transaction = <T>(fn: () => T) => T;

/**
 * Creates a runner of write transactions (BEGIN IMMEDIATE ... COMMIT, ROLLBACK if `fn` throws)
 * on prepared statements. `fn` must be synchronous: nothing else may use the connection between
 * BEGIN and COMMIT.
 */
export function createTransaction(db: DatabaseSync): Transaction {
  const begin = db.prepare("BEGIN IMMEDIATE");
  const commit = db.prepare("COMMIT");
  const rollback = db.prepare("ROLLBACK");
  return (fn) => {
    begin.run();
    try {
      const out = fn();
      commit.run();
      return out;
    } catch (err) {
      if (db.isTransaction) rollback.run();
      throw err;
    }
  };
}
