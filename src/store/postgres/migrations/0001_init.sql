-- The outbox that every instance shares: one row per accepted message, kept (without its
-- body) after it is finished. Times are milliseconds since the epoch, on the instances' clocks.
CREATE TABLE messages (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,  -- acceptance order
  id text NOT NULL,                   -- UUIDv7, as given to the caller
  state text NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'cancelled')),
  idempotency_key text NOT NULL,      -- '' for none
  envelope text NOT NULL,             -- JSON: from, to, cc, bcc, subject, configurationSet, tags
  payload bytea,                      -- the encoded SendRequest; NULL once purged
  recipient_count integer NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  ses_message_id text NOT NULL DEFAULT '',
  error_code text,                    -- last error; NULL when none
  error_message text,
  error_permanent boolean,
  rejected boolean NOT NULL DEFAULT false,
  accepted_at bigint NOT NULL,
  last_attempt_at bigint,
  next_attempt_at bigint NOT NULL,
  lease_until bigint,                 -- while sending
  lease_owner text,                   -- the instance holding the lease, while sending
  sent_at bigint,
  finished_at bigint
);

CREATE UNIQUE INDEX messages_id ON messages (id);
-- Claims: due queued messages, oldest due first, ties by acceptance order.
CREATE INDEX messages_due ON messages (next_attempt_at, seq) WHERE state = 'queued';
-- The lease sweep: messages whose instance stopped answering.
CREATE INDEX messages_leases ON messages (lease_until) WHERE state = 'sending';
-- Listing by state, newest first; also finds the oldest queued.
CREATE INDEX messages_state ON messages (state, seq);
-- Retention: bodies still held by finished messages, and finished messages by age.
CREATE INDEX messages_bodies ON messages (finished_at)
  WHERE finished_at IS NOT NULL AND payload IS NOT NULL;
CREATE INDEX messages_finished ON messages (finished_at) WHERE finished_at IS NOT NULL;

-- Idempotency keys per caller scope, remembered for a window.
CREATE TABLE idempotency_keys (
  scope text NOT NULL,
  key text NOT NULL,
  message_id text NOT NULL,
  content_hash text NOT NULL,
  created_at bigint NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- Counts by state, kept by statement triggers in the same transactions, so Status never
-- scans the outbox. Each connection adds to its own shard (its backend pid modulo 64) and
-- reads sum the shards: instances committing at once do not queue on one hot row.
-- 'rejected' counts failed messages that SES refused.
CREATE TABLE state_counts (
  shard integer NOT NULL,
  state text NOT NULL,
  n bigint NOT NULL,
  PRIMARY KEY (shard, state)
);

-- Adds the changes (state, +1/-1) to this connection's shard, in state order so that two
-- transactions on one shard take the rows' locks in the same order.
CREATE FUNCTION count_states(changes jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO state_counts AS c (shard, state, n)
  SELECT pg_backend_pid() % 64, key, value::bigint
  FROM jsonb_each_text(changes)
  WHERE value::bigint <> 0
  ORDER BY key
  ON CONFLICT (shard, state) DO UPDATE SET n = c.n + excluded.n
$$;

CREATE FUNCTION messages_counted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changes jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT coalesce(jsonb_object_agg(s, d), '{}') INTO changes FROM (
      SELECT s, sum(d) AS d FROM (
        SELECT state AS s, 1 AS d FROM new_rows
        UNION ALL SELECT 'rejected', 1 FROM new_rows WHERE state = 'failed' AND rejected
      ) x GROUP BY s
    ) y;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT coalesce(jsonb_object_agg(s, d), '{}') INTO changes FROM (
      SELECT s, sum(d) AS d FROM (
        SELECT state AS s, -1 AS d FROM old_rows
        UNION ALL SELECT 'rejected', -1 FROM old_rows WHERE state = 'failed' AND rejected
      ) x GROUP BY s
    ) y;
  ELSE
    SELECT coalesce(jsonb_object_agg(s, d), '{}') INTO changes FROM (
      SELECT s, sum(d) AS d FROM (
        SELECT state AS s, -1 AS d FROM old_rows
        UNION ALL SELECT 'rejected', -1 FROM old_rows WHERE state = 'failed' AND rejected
        UNION ALL SELECT state, 1 FROM new_rows
        UNION ALL SELECT 'rejected', 1 FROM new_rows WHERE state = 'failed' AND rejected
      ) x GROUP BY s
    ) y;
  END IF;
  PERFORM count_states(changes);
  RETURN NULL;
END
$$;

CREATE TRIGGER messages_count_insert AFTER INSERT ON messages
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION messages_counted();
CREATE TRIGGER messages_count_update AFTER UPDATE ON messages
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION messages_counted();
CREATE TRIGGER messages_count_delete AFTER DELETE ON messages
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION messages_counted();
