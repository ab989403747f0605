import pg from "pg";
import { coerceError } from "../../util/errors.ts";
import { StoreOpenError } from "../sqlite/open.ts";
import { migrate, readPostgresMigrations } from "./migrate.ts";

/** How to reach the database. */
export interface PostgresOptions {
  /** A libpq-style URL: postgres://user:password@host:port/database */
  readonly url: string;
  /** Most connections this instance opens. */
  readonly poolSize: number;
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== "") u.password = "***";
    return u.toString();
  } catch {
    return "(an unparsable URL)";
  }
}

/**
 * Opens a connection pool on the database and brings its schema up to date (under the
 * migration lock). A database that cannot be used fails with one line naming it and why.
 */
export async function openPool(opts: PostgresOptions): Promise<pg.Pool> {
  const where = redactUrl(opts.url);
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolSize,
    application_name: "asyncses",
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle connection that breaks (the server restarted) is dropped; the next query opens
  // another. Without a listener it would crash the process.
  pool.on("error", () => {});
  try {
    await migrate(pool, readPostgresMigrations());
    return pool;
  } catch (thrown) {
    await pool.end().catch(() => {});
    throw new StoreOpenError(`cannot use the database ${where}: ${describePgError(thrown)}`);
  }
}

/** A PostgreSQL or network error in words. */
export function describePgError(thrown: unknown): string {
  const err = coerceError(thrown) as Error & { code?: string; errors?: unknown[] };
  switch (err.code) {
    case "ECONNREFUSED":
      return "nothing is listening there (is PostgreSQL running?)";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "the host name does not resolve";
    case "ETIMEDOUT":
      return "the connection timed out";
    case "28P01":
    case "28000":
      return `the server refused the login: ${err.message}`;
    case "3D000":
      return `${err.message} (create it first, e.g. createdb)`;
    case "42501":
      return `permission denied: ${err.message}`;
    default:
      // AggregateError (every address of a name refused) carries its reasons inside.
      if (err.message === "" && Array.isArray(err.errors) && err.errors.length > 0) {
        return describePgError(err.errors[0]);
      }
      return err.message;
  }
}
