import type { Pool, PoolClient } from "pg";

/** Thrown inside a transaction to roll it back and run it again from the start. */
export class RetryTransaction extends Error {
  override name = "RetryTransaction";
}

/** SQLSTATEs after which running the transaction again may succeed. */
const RETRYABLE = new Set(["40001", "40P01"]); // serialization failure, deadlock detected

/**
 * Runs `fn` in one transaction on a pooled connection, rolling back if it throws. A deadlock,
 * a serialization failure or a RetryTransaction runs it again (a few times).
 */
export async function transaction<T>(
  pool: Pool,
  fn: (client: PoolClient) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    let broken = false;
    try {
      await client.query("BEGIN");
      try {
        const out = await fn(client);
        await client.query("COMMIT");
        return out;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => {
          broken = true;
        });
        throw err;
      }
    } catch (err) {
      const code = (err as { code?: string }).code;
      const retry = err instanceof RetryTransaction || (code !== undefined && RETRYABLE.has(code));
      if (!retry || attempt >= 5) throw err;
    } finally {
      client.release(broken);
    }
  }
}
