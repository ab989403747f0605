import type { DatabaseSync, StatementSync } from "node:sqlite";

/** Columns a MessageRecord is read from. */
const RECORD = `id, state, idempotency_key, envelope, recipient_count, attempts, ses_message_id,
  error_code, error_message, error_permanent, rejected, accepted_at, last_attempt_at,
  next_attempt_at, sent_at, finished_at`;

/** Every statement the store runs, prepared once. */
export interface Statements {
  readonly counts: StatementSync;
  readonly findKey: StatementSync;
  readonly putKey: StatementSync;
  readonly insert: StatementSync;
  readonly claim: StatementSync;
  readonly finishSent: StatementSync;
  readonly finishFailed: StatementSync;
  readonly finishRetry: StatementSync;
  readonly release: StatementSync;
  readonly requeueExpired: StatementSync;
  readonly expireAllLeases: StatementSync;
  readonly nextDue: StatementSync;
  readonly retryWaiting: StatementSync;
  readonly oldestQueued: StatementSync;
  readonly get: StatementSync;
  readonly seqOf: StatementSync;
  readonly listAll: StatementSync;
  readonly listState: StatementSync;
  readonly retryOne: StatementSync;
  readonly retrySome: StatementSync;
  readonly cancel: StatementSync;
  readonly stateOf: StatementSync;
  readonly purgeBodies: StatementSync;
  readonly purgeRecords: StatementSync;
  readonly purgeKeys: StatementSync;
}

/** Prepares the store's statements on an open, migrated database. */
export function prepareStatements(db: DatabaseSync): Statements {
  const p = (sql: string) => db.prepare(sql);
  return {
    counts: p("SELECT state, n FROM state_counts"),
    findKey: p(
      "SELECT message_id, content_hash, created_at FROM idempotency_keys WHERE scope = ? AND key = ?",
    ),
    putKey: p(`INSERT INTO idempotency_keys (scope, key, message_id, content_hash, created_at)
      VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (scope, key) DO UPDATE SET message_id = excluded.message_id,
        content_hash = excluded.content_hash, created_at = excluded.created_at`),
    insert: p(`INSERT INTO messages (id, state, idempotency_key, envelope, payload,
      recipient_count, accepted_at, next_attempt_at) VALUES (?, 'queued', ?, ?, ?, ?, ?, ?)`),
    // Partial index messages_due gives the order; RETURNING order is not guaranteed, so the
    // sort keys come back too.
    claim: p(`UPDATE messages SET state = 'sending', attempts = attempts + 1,
        last_attempt_at = :now, lease_until = :lease
      WHERE seq IN (SELECT seq FROM messages INDEXED BY messages_due
        WHERE state = 'queued' AND next_attempt_at <= :now
        ORDER BY next_attempt_at, seq LIMIT :limit)
      RETURNING seq, id, payload, recipient_count, attempts, accepted_at, next_attempt_at`),
    finishSent: p(`UPDATE messages SET state = 'sent', ses_message_id = :ses, sent_at = :at,
        finished_at = :at, lease_until = NULL,
        error_code = NULL, error_message = NULL, error_permanent = NULL
      WHERE id = :id AND state = 'sending'`),
    finishFailed: p(`UPDATE messages SET state = 'failed', error_code = ?, error_message = ?,
        error_permanent = ?, rejected = ?, finished_at = ?, lease_until = NULL
      WHERE id = ? AND state = 'sending'`),
    finishRetry: p(`UPDATE messages SET state = 'queued', error_code = ?, error_message = ?,
        error_permanent = ?, attempts = attempts - ?, next_attempt_at = ?, lease_until = NULL
      WHERE id = ? AND state = 'sending'`),
    release: p(`UPDATE messages INDEXED BY messages_id
        SET state = 'queued', attempts = attempts - 1, lease_until = NULL
      WHERE id IN (SELECT value FROM json_each(?)) AND state = 'sending'`),
    requeueExpired: p(`UPDATE messages SET state = 'queued', next_attempt_at = :now,
        lease_until = NULL
      WHERE state = 'sending' AND lease_until <= :now`),
    expireAllLeases: p("UPDATE messages SET lease_until = 0 WHERE state = 'sending'"),
    nextDue: p(
      "SELECT min(next_attempt_at) AS at FROM messages INDEXED BY messages_due WHERE state = 'queued'",
    ),
    retryWaiting: p(
      `SELECT count(*) AS n FROM messages INDEXED BY messages_due
        WHERE state = 'queued' AND next_attempt_at > ?`,
    ),
    oldestQueued: p(
      "SELECT accepted_at FROM messages WHERE state = 'queued' ORDER BY state, seq LIMIT 1",
    ),
    get: p(`SELECT ${RECORD} FROM messages WHERE id = ?`),
    seqOf: p("SELECT seq FROM messages WHERE id = ?"),
    listAll: p(`SELECT seq, ${RECORD} FROM messages WHERE seq < ? ORDER BY seq DESC LIMIT ?`),
    listState: p(`SELECT seq, ${RECORD} FROM messages WHERE state = ? AND seq < ?
      ORDER BY state DESC, seq DESC LIMIT ?`),
    retryOne: p(`UPDATE messages SET state = 'queued', attempts = 0, rejected = 0,
        finished_at = NULL, next_attempt_at = ?
      WHERE id = ? AND state = 'failed' AND payload IS NOT NULL`),
    retrySome: p(`UPDATE messages SET state = 'queued', attempts = 0, rejected = 0,
        finished_at = NULL, next_attempt_at = :now
      WHERE seq IN (SELECT seq FROM messages WHERE state = 'failed' AND seq > :after
        AND payload IS NOT NULL ORDER BY state, seq LIMIT :limit)
      RETURNING seq`),
    cancel: p(`UPDATE messages SET state = 'cancelled', finished_at = ?, lease_until = NULL
      WHERE id = ? AND state = 'queued' RETURNING ${RECORD}`),
    stateOf: p("SELECT state FROM messages WHERE id = ?"),
    purgeBodies: p(`UPDATE messages SET payload = NULL
      WHERE seq IN (SELECT seq FROM messages INDEXED BY messages_bodies
        WHERE finished_at IS NOT NULL AND payload IS NOT NULL AND finished_at < ? LIMIT ?)`),
    purgeRecords: p(`DELETE FROM messages WHERE seq IN (SELECT seq FROM messages
      INDEXED BY messages_finished WHERE finished_at IS NOT NULL AND finished_at < ? LIMIT ?)`),
    purgeKeys: p(`DELETE FROM idempotency_keys WHERE (scope, key) IN (SELECT scope, key
      FROM idempotency_keys WHERE created_at < ? LIMIT ?)`),
  };
}
