import { randomBytes } from "node:crypto";
import pg from "pg";
import { describePgError } from "../../src/store/postgres/open.ts";

/** The server the tests use: scripts/postgres.sh starts it; ASYNCSES_TEST_DATABASE_URL overrides. */
export const TEST_DATABASE_URL =
  process.env.ASYNCSES_TEST_DATABASE_URL ?? "postgres://asyncses:asyncses@127.0.0.1:5432/postgres";

let probe: Promise<string | undefined> | undefined;

/**
 * Why PostgreSQL cannot be used for tests, or undefined when it can (asked once per process).
 * Tests skip with this message where it is not running.
 */
export function postgresMissing(): Promise<string | undefined> {
  probe ??= (async () => {
    const client = new pg.Client({
      connectionString: TEST_DATABASE_URL,
      connectionTimeoutMillis: 3000,
    });
    try {
      await client.connect();
      await client.query("SELECT 1");
      return undefined;
    } catch (thrown) {
      return `no PostgreSQL for tests at ${redacted()} (${describePgError(thrown)}); scripts/postgres.sh starts one, ASYNCSES_TEST_DATABASE_URL points elsewhere`;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return probe;
}

function redacted(): string {
  const u = new URL(TEST_DATABASE_URL);
  if (u.password !== "") u.password = "***";
  return u.toString();
}

/** A database of a test's own, dropped (with its connections) by `drop`. */
export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database named `asyncses_test_<prefix>_<random>` on the test server. */
export async function createTestDatabase(prefix = "t"): Promise<TestDatabase> {
  const name = `asyncses_test_${prefix}_${randomBytes(4).toString("hex")}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const u = new URL(TEST_DATABASE_URL);
  u.pathname = `/${name}`;
  return {
    name,
    url: u.toString(),
    // FORCE cannot end a backend of another role, such as an autovacuum worker that happens to
    // be visiting the new database; it is gone a moment later, so the drop is tried again.
    drop: async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          await admin(
            async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
          );
          return;
        } catch (err) {
          if (attempt >= 10) throw err;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    },
  };
}
