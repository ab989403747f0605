-- The outbox: one row per accepted message, kept (without its body) after it is finished.
CREATE TABLE messages (
  seq INTEGER PRIMARY KEY,            -- acceptance order; the rowid
  id TEXT NOT NULL,                   -- UUIDv7, as given to the caller
  state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'cancelled')),
  idempotency_key TEXT NOT NULL,      -- '' for none
  envelope TEXT NOT NULL,             -- JSON: from, to, cc, bcc, subject, configurationSet, tags
  payload BLOB,                       -- the encoded SendRequest; NULL once purged
  recipient_count INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  ses_message_id TEXT NOT NULL DEFAULT '',
  error_code TEXT,                    -- last error; NULL when none
  error_message TEXT,
  error_permanent INTEGER,
  rejected INTEGER NOT NULL DEFAULT 0,
  accepted_at INTEGER NOT NULL,       -- times in ms since the epoch
  last_attempt_at INTEGER,
  next_attempt_at INTEGER NOT NULL,
  lease_until INTEGER,                -- while sending
  sent_at INTEGER,
  finished_at INTEGER
);

CREATE UNIQUE INDEX messages_id ON messages (id);
-- Queries name the index they rely on (INDEXED BY): without statistics the planner may pick
-- messages_state and scan every queued row.
-- Claims: due queued messages, oldest due first (ties by acceptance order, the rowid).
CREATE INDEX messages_due ON messages (next_attempt_at) WHERE state = 'queued';
-- Listing by state, newest first; also finds the oldest queued and the sending ones.
CREATE INDEX messages_state ON messages (state, seq);
-- Retention: bodies still held by finished messages, and finished messages by age.
CREATE INDEX messages_bodies ON messages (finished_at)
  WHERE finished_at IS NOT NULL AND payload IS NOT NULL;
CREATE INDEX messages_finished ON messages (finished_at) WHERE finished_at IS NOT NULL;

-- Idempotency keys per caller scope, remembered for a window.
CREATE TABLE idempotency_keys (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  message_id TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
) WITHOUT ROWID;
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- Counts by state, kept by triggers in the same transactions, so Status never scans.
-- 'rejected' counts failed messages that SES refused.
CREATE TABLE state_counts (
  state TEXT PRIMARY KEY,
  n INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO state_counts (state, n) VALUES
  ('queued', 0), ('sending', 0), ('sent', 0), ('failed', 0), ('cancelled', 0), ('rejected', 0);

CREATE TRIGGER messages_count_insert AFTER INSERT ON messages
BEGIN
  UPDATE state_counts SET n = n + 1 WHERE state = NEW.state;
  UPDATE state_counts SET n = n + 1
    WHERE state = 'rejected' AND NEW.state = 'failed' AND NEW.rejected;
END;

CREATE TRIGGER messages_count_update AFTER UPDATE OF state, rejected ON messages
  WHEN OLD.state <> NEW.state OR OLD.rejected <> NEW.rejected
BEGIN
  UPDATE state_counts SET n = n - 1 WHERE state = OLD.state;
  UPDATE state_counts SET n = n + 1 WHERE state = NEW.state;
  UPDATE state_counts
    SET n = n - (OLD.state = 'failed' AND OLD.rejected) + (NEW.state = 'failed' AND NEW.rejected)
    WHERE state = 'rejected';
END;

CREATE TRIGGER messages_count_delete AFTER DELETE ON messages
BEGIN
  UPDATE state_counts SET n = n - 1 WHERE state = OLD.state;
  UPDATE state_counts SET n = n - 1
    WHERE state = 'rejected' AND OLD.state = 'failed' AND OLD.rejected;
END;
