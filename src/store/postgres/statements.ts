import { RECORD } from "./rows.ts";

/** Every statement the store runs. Parameters are numbered; arrays are passed whole (unnest). */
export const SQL = {
  backlog: `SELECT coalesce(sum(n), 0) AS n FROM state_counts WHERE state IN ('queued', 'sending')`,
  counts: "SELECT state, sum(n) AS n FROM state_counts GROUP BY state",
  findKeys: `SELECT k.scope, k.key, k.message_id, k.content_hash
    FROM idempotency_keys k JOIN unnest($1::text[], $2::text[]) AS u(scope, key)
      ON k.scope = u.scope AND k.key = u.key
    WHERE k.created_at >= $3`,
  // A key another instance took meanwhile (within the window) is not overwritten and not
  // returned: the caller starts over and finds it. Sorted, so that two batches lock keys in
  // the same order.
  putKeys: `INSERT INTO idempotency_keys AS k (scope, key, message_id, content_hash, created_at)
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[])
      AS u(scope, key, message_id, content_hash, created_at)
    ORDER BY scope, key
    ON CONFLICT (scope, key) DO UPDATE SET message_id = excluded.message_id,
      content_hash = excluded.content_hash, created_at = excluded.created_at
      WHERE k.created_at < $6
    RETURNING scope, key`,
  insert: `INSERT INTO messages (id, state, idempotency_key, envelope, payload, recipient_count,
      accepted_at, next_attempt_at)
    SELECT id, 'queued', key, envelope, payload, recipients, at, at
    FROM unnest($1::text[], $2::text[], $3::text[], $4::bytea[], $5::integer[], $6::bigint[])
      WITH ORDINALITY AS u(id, key, envelope, payload, recipients, at, n)
    ORDER BY n`,
  // SKIP LOCKED: instances claiming at once take different messages instead of waiting.
  claim: `WITH due AS (
      SELECT seq FROM messages WHERE state = 'queued' AND next_attempt_at <= $1
      ORDER BY next_attempt_at, seq LIMIT $3 FOR UPDATE SKIP LOCKED
    )
    UPDATE messages m SET state = 'sending', attempts = m.attempts + 1, last_attempt_at = $1,
      lease_until = $2, lease_owner = $4
    FROM due WHERE m.seq = due.seq
    RETURNING m.seq, m.id, m.payload, m.recipient_count, m.attempts, m.accepted_at,
      m.next_attempt_at`,
  // Outcomes of a group commit in one statement. Only the lease this instance holds is
  // finished: a message whose lease expired and that another instance took is not touched.
  finish: `UPDATE messages m SET state = f.state,
      ses_message_id = coalesce(f.ses, m.ses_message_id),
      error_code = f.code, error_message = f.message, error_permanent = f.permanent,
      rejected = coalesce(f.rejected, m.rejected),
      sent_at = coalesce(f.sent_at, m.sent_at),
      finished_at = f.finished_at,
      attempts = m.attempts - f.give_back,
      next_attempt_at = coalesce(f.next_at, m.next_attempt_at),
      lease_until = NULL, lease_owner = NULL
    FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[],
        $7::boolean[], $8::boolean[], $9::bigint[], $10::bigint[], $11::integer[], $12::bigint[])
      AS f(id, lease, state, ses, code, message, permanent, rejected, sent_at, finished_at,
        give_back, next_at)
    WHERE m.id = f.id AND m.state = 'sending' AND m.lease_owner = $13
      AND (f.lease IS NULL OR m.lease_until = f.lease)`,
  release: `UPDATE messages SET state = 'queued', attempts = attempts - 1, lease_until = NULL,
      lease_owner = NULL
    WHERE id = ANY($1::text[]) AND state = 'sending' AND lease_owner = $2`,
  requeueExpired: `UPDATE messages SET state = 'queued', next_attempt_at = $1,
      lease_until = NULL, lease_owner = NULL
    WHERE state = 'sending' AND lease_until <= $1`,
  nextDue: "SELECT min(next_attempt_at) AS at FROM messages WHERE state = 'queued'",
  retryWaiting: `SELECT count(*) AS n FROM messages
    WHERE state = 'queued' AND next_attempt_at > $1`,
  oldestQueued: `SELECT accepted_at FROM messages WHERE state = 'queued'
    ORDER BY state, seq LIMIT 1`,
  get: `SELECT ${RECORD} FROM messages WHERE id = $1`,
  listAll: `SELECT seq, ${RECORD} FROM messages WHERE seq < $1 ORDER BY seq DESC LIMIT $2`,
  listState: `SELECT seq, ${RECORD} FROM messages WHERE state = $1 AND seq < $2
    ORDER BY state DESC, seq DESC LIMIT $3`,
  retryIds: `UPDATE messages SET state = 'queued', attempts = 0, rejected = false,
      finished_at = NULL, next_attempt_at = $1
    WHERE id = ANY($2::text[]) AND state = 'failed' AND payload IS NOT NULL`,
  // Bulk work in chunks; the conditions are repeated outside the sub-select so that a row
  // another instance changed meanwhile is checked again.
  retrySome: `UPDATE messages SET state = 'queued', attempts = 0, rejected = false,
      finished_at = NULL, next_attempt_at = $1
    WHERE state = 'failed' AND payload IS NOT NULL AND seq IN (
      SELECT seq FROM messages WHERE state = 'failed' AND payload IS NOT NULL AND seq > $2
      ORDER BY state, seq LIMIT $3 FOR UPDATE SKIP LOCKED)
    RETURNING seq`,
  cancel: `UPDATE messages SET state = 'cancelled', finished_at = $1, lease_until = NULL,
      lease_owner = NULL
    WHERE id = $2 AND state = 'queued' RETURNING ${RECORD}`,
  exists: "SELECT 1 FROM messages WHERE id = $1",
  purgeBodies: `UPDATE messages SET payload = NULL
    WHERE finished_at < $1 AND payload IS NOT NULL AND seq IN (
      SELECT seq FROM messages WHERE finished_at IS NOT NULL AND payload IS NOT NULL
        AND finished_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`,
  purgeRecords: `DELETE FROM messages WHERE finished_at < $1 AND seq IN (
      SELECT seq FROM messages WHERE finished_at IS NOT NULL AND finished_at < $1
      LIMIT $2 FOR UPDATE SKIP LOCKED)`,
  purgeKeys: `DELETE FROM idempotency_keys WHERE created_at < $1 AND (scope, key) IN (
      SELECT scope, key FROM idempotency_keys WHERE created_at < $1
      LIMIT $2 FOR UPDATE SKIP LOCKED)`,
} as const;
