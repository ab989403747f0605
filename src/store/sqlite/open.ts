import { closeSync, mkdirSync, openSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { coerceError } from "../../util/errors.ts";
import { migrate, readSqliteMigrations } from "./migrate.ts";

/** The database file's name inside the data folder. */
export const DATABASE_FILE = "asyncses.db";

/** A data folder or database that cannot be used; the message names the path and the problem. */
export class StoreOpenError extends Error {
  override name = "StoreOpenError";
}

/** How long a statement waits for a lock before failing (only this process uses the file). */
const BUSY_TIMEOUT_MS = 5000;

/** How hard a commit waits for the disk (SQLite's PRAGMA synchronous). */
export type SyncMode = "FULL" | "NORMAL";

/**
 * Opens (creating on first start) `<dataDir>/asyncses.db` for this process alone: WAL,
 * synchronous=FULL by default, an exclusive lock held until close, schema migrated. A second
 * process on the same folder fails at once instead of sharing the queue.
 */
export function openDatabase(dataDir: string, sync: SyncMode = "FULL"): DatabaseSync {
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  } catch (thrown) {
    throw new StoreOpenError(
      `cannot create the data folder ${dataDir}: ${describeFsError(thrown)}`,
    );
  }
  const path = join(dataDir, DATABASE_FILE);
  try {
    // Bodies are private mail: the file is readable by its owner only.
    closeSync(openSync(path, "a", 0o600));
  } catch (thrown) {
    throw new StoreOpenError(`cannot open the database ${path}: ${describeFsError(thrown)}`);
  }
  let db: DatabaseSync | undefined;
  try {
    // No waiting while taking the lock: another holder is another process, and it keeps it.
    db = new DatabaseSync(path, { timeout: 0 });
    db.exec("PRAGMA locking_mode = EXCLUSIVE");
    const mode = db.prepare("PRAGMA journal_mode = WAL").get()?.journal_mode;
    if (mode !== "wal") throw new Error(`cannot switch to WAL (journal mode is ${String(mode)})`);
    db.exec("BEGIN EXCLUSIVE; COMMIT");
    db.exec(`
      PRAGMA synchronous = ${sync};
      PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS};
      PRAGMA cache_size = -16000;
      PRAGMA journal_size_limit = 67108864;
      PRAGMA temp_store = MEMORY;
    `);
    migrate(db, readSqliteMigrations());
    return db;
  } catch (thrown) {
    db?.close();
    throw new StoreOpenError(`cannot use the database ${path}: ${describeSqliteError(thrown)}`);
  }
}

function describeFsError(thrown: unknown): string {
  const err = coerceError(thrown) as Error & { code?: string };
  switch (err.code) {
    case "ENOTDIR":
      return "part of the path is a file, not a folder";
    case "EEXIST":
      return "it exists and is not a folder";
    case "EISDIR":
      return "it is a folder, not a file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EROFS":
      return "the file system is read-only";
    case "ENOSPC":
      return "no space left on the device";
    default:
      return err.message;
  }
}

function describeSqliteError(thrown: unknown): string {
  const err = coerceError(thrown) as Error & { errcode?: number };
  // Primary result codes: https://sqlite.org/rescode.html
  switch ((err.errcode ?? -1) & 0xff) {
    case 5: // SQLITE_BUSY
    case 6: // SQLITE_LOCKED
      return "it is in use by another AsyncSES process (each data folder serves one process)";
    case 26: // SQLITE_NOTADB
      return "it is not an SQLite database; move it away or choose another data folder";
    case 11: // SQLITE_CORRUPT
      return "it is damaged (database disk image is malformed); restore it from a backup or move it away";
    case 8: // SQLITE_READONLY
      return "it is read-only";
    case 13: // SQLITE_FULL
      return "no space left on the device";
    default:
      return err.message;
  }
}
