-- The SES account's sending limits, shared by every instance: one token bucket, one working
-- rate (lowered by a throttle any instance sees), one rolling 24-hour ledger. Instances call
-- the functions below with their own clock's time and take tokens and quota in small batches.

-- The token bucket, in recipients; one row.
CREATE TABLE rate_bucket (
  id integer PRIMARY KEY CHECK (id = 1),
  rate double precision,              -- the working rate per second; NULL until first set
  provisional boolean NOT NULL DEFAULT true,  -- set before any instance read SES's limits
  burst_seconds double precision NOT NULL DEFAULT 1,
  tokens double precision NOT NULL DEFAULT 0,
  updated_at bigint NOT NULL DEFAULT 0,
  lowered_at bigint NOT NULL DEFAULT 0  -- when the working rate was last lowered
);
INSERT INTO rate_bucket (id) VALUES (1);

-- Tokens each instance took for sends SES has not answered yet. The bucket keeps room for
-- them; an instance not heard of for a while is gone, and its row goes.
CREATE TABLE rate_holders (
  instance text PRIMARY KEY,
  in_flight double precision NOT NULL,
  seen_at bigint NOT NULL
);

-- The bucket refilled up to now, locked for the rest of the transaction.
CREATE FUNCTION rate_refilled(p_now bigint, p_stale_before bigint) RETURNS rate_bucket
LANGUAGE plpgsql AS $$
DECLARE
  b rate_bucket;
  flight double precision;
  room double precision;
BEGIN
  SELECT * INTO b FROM rate_bucket WHERE id = 1 FOR UPDATE;
  DELETE FROM rate_holders WHERE seen_at < p_stale_before;
  IF b.rate IS NOT NULL AND b.rate <> 'Infinity' THEN
    SELECT coalesce(sum(in_flight), 0) INTO flight FROM rate_holders;
    room := b.rate * b.burst_seconds - flight;
    IF p_now > b.updated_at AND b.tokens < room THEN
      b.tokens := least(room, b.tokens + (p_now - b.updated_at) / 1000.0 * b.rate);
    END IF;
  END IF;
  b.updated_at := greatest(b.updated_at, p_now);
  RETURN b;
END
$$;

-- Adds to (or, negative, takes from) an instance's tokens in flight; notes it is alive.
CREATE FUNCTION rate_hold(p_instance text, p_delta double precision, p_now bigint) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO rate_holders AS h (instance, in_flight, seen_at)
  VALUES (p_instance, greatest(0, p_delta), p_now)
  ON CONFLICT (instance) DO UPDATE
    SET in_flight = greatest(0, h.in_flight + p_delta), seen_at = greatest(h.seen_at, p_now)
$$;

-- Sets a provisional rate if no instance has set one yet (the bucket starts full).
CREATE FUNCTION rate_init(p_rate double precision, p_now bigint) RETURNS void
LANGUAGE sql AS $$
  UPDATE rate_bucket
    SET rate = p_rate, tokens = CASE WHEN p_rate = 'Infinity' THEN 0 ELSE p_rate * burst_seconds END,
      updated_at = p_now
  WHERE id = 1 AND rate IS NULL
$$;

-- Takes between p_min and p_max tokens, or none, after returning p_landed of this instance's
-- tokens in flight. Answers the tokens granted, how long until p_min are likely (ms), and
-- the working rate and when it was last lowered.
CREATE FUNCTION rate_take(p_instance text, p_min double precision, p_max double precision,
  p_landed double precision, p_now bigint, p_stale_before bigint)
RETURNS TABLE (granted double precision, retry_in_ms double precision,
  rate double precision, lowered_at bigint)
LANGUAGE plpgsql AS $$
DECLARE
  b rate_bucket;
  cap double precision;
  g double precision := 0;
BEGIN
  PERFORM rate_hold(p_instance, -p_landed, p_now);
  b := rate_refilled(p_now, p_stale_before);
  IF b.rate IS NULL OR b.rate = 'Infinity' THEN
    UPDATE rate_bucket SET updated_at = b.updated_at WHERE id = 1;
    RETURN QUERY SELECT p_max, 0::double precision, b.rate, b.lowered_at;
    RETURN;
  END IF;
  cap := b.rate * b.burst_seconds;
  IF b.tokens >= p_min THEN
    g := greatest(p_min, least(p_max, floor(b.tokens)));
  ELSIF b.tokens >= cap THEN
    -- More than a burst: it goes when the bucket is full, leaving a debt the rate pays back.
    g := p_min;
  END IF;
  b.tokens := b.tokens - g;
  UPDATE rate_bucket SET tokens = b.tokens, updated_at = b.updated_at WHERE id = 1;
  IF g > 0 THEN
    PERFORM rate_hold(p_instance, g, p_now);
  END IF;
  RETURN QUERY SELECT g,
    CASE WHEN g > 0 OR b.rate <= 0 THEN 0::double precision
      ELSE ceil((least(p_min, cap) - b.tokens) / b.rate * 1000) END,
    b.rate, b.lowered_at;
END
$$;

-- An instance's working rate. Over a provisional one: taken (the first limits read). Lower
-- than the shared one: taken (a throttle, or a lower limit), and every instance adopts it.
-- Higher: taken only from an instance that knows of the last lowering (p_seen_lowered_at), so
-- a climb never undoes a throttle it has not seen.
CREATE FUNCTION rate_set(p_instance text, p_rate double precision, p_seen_lowered_at bigint,
  p_landed double precision, p_now bigint, p_stale_before bigint)
RETURNS TABLE (rate double precision, lowered_at bigint)
LANGUAGE plpgsql AS $$
DECLARE
  b rate_bucket;
  was_unlimited boolean;
  flight double precision;
  next double precision;
BEGIN
  PERFORM rate_hold(p_instance, -p_landed, p_now);
  b := rate_refilled(p_now, p_stale_before);
  next := b.rate;
  IF p_rate < b.rate THEN
    next := p_rate;
    b.lowered_at := greatest(b.lowered_at, p_now);
  ELSIF b.rate IS NULL OR b.provisional THEN
    next := p_rate;
  ELSIF p_rate > b.rate AND p_seen_lowered_at >= b.lowered_at THEN
    next := p_rate;
  END IF;
  b.provisional := false;
  IF next IS DISTINCT FROM b.rate THEN
    was_unlimited := b.rate IS NULL OR b.rate = 'Infinity';
    SELECT coalesce(sum(in_flight), 0) INTO flight FROM rate_holders;
    IF next = 'Infinity' THEN
      b.tokens := 0;
    ELSIF was_unlimited THEN
      b.tokens := next * b.burst_seconds - flight;
    ELSE
      b.tokens := least(b.tokens, next * b.burst_seconds - flight);
    END IF;
    b.rate := next;
  END IF;
  UPDATE rate_bucket SET rate = b.rate, tokens = b.tokens, updated_at = b.updated_at,
    lowered_at = b.lowered_at, provisional = b.provisional WHERE id = 1;
  RETURN QUERY SELECT b.rate, b.lowered_at;
END
$$;

-- Empties the bucket (SES throttled: its own bucket is empty too); a debt is kept.
CREATE FUNCTION rate_drain(p_now bigint, p_stale_before bigint) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  b rate_bucket;
BEGIN
  b := rate_refilled(p_now, p_stale_before);
  UPDATE rate_bucket SET tokens = least(b.tokens, 0), updated_at = b.updated_at WHERE id = 1;
END
$$;

-- The daily quota; one row. window_sum is the sum of quota_sent (the last 24 hours).
CREATE TABLE quota_state (
  id integer PRIMARY KEY CHECK (id = 1),
  max double precision NOT NULL DEFAULT 'Infinity',
  external double precision NOT NULL DEFAULT 0,  -- what SES counts beyond this ledger
  window_sum double precision NOT NULL DEFAULT 0
);
INSERT INTO quota_state (id) VALUES (1);

-- Recipients SES accepted, per second (stamped at the end of its second).
CREATE TABLE quota_sent (
  slot bigint PRIMARY KEY,
  n double precision NOT NULL
);

-- Recipients each instance reserved for sends not settled yet; stale rows go as for the rate.
CREATE TABLE quota_holders (
  instance text PRIMARY KEY,
  reserved double precision NOT NULL,
  seen_at bigint NOT NULL
);

-- The quota row with the window moved to now and this instance's settled sends applied,
-- locked for the rest of the transaction.
CREATE FUNCTION quota_current(p_instance text, p_counted double precision,
  p_released double precision, p_now bigint, p_stale_before bigint) RETURNS quota_state
LANGUAGE plpgsql AS $$
DECLARE
  q quota_state;
  gone double precision;
BEGIN
  SELECT * INTO q FROM quota_state WHERE id = 1 FOR UPDATE;
  WITH d AS (DELETE FROM quota_sent WHERE slot <= p_now - 86400000 RETURNING n)
  SELECT coalesce(sum(n), 0) INTO gone FROM d;
  q.window_sum := greatest(0, q.window_sum - gone);
  DELETE FROM quota_holders WHERE seen_at < p_stale_before;
  INSERT INTO quota_holders AS h (instance, reserved, seen_at) VALUES (p_instance, 0, p_now)
  ON CONFLICT (instance) DO UPDATE
    SET reserved = greatest(0, h.reserved - p_counted - p_released),
      seen_at = greatest(h.seen_at, p_now);
  IF p_counted > 0 THEN
    INSERT INTO quota_sent AS s (slot, n) VALUES (ceil(p_now / 1000.0)::bigint * 1000, p_counted)
    ON CONFLICT (slot) DO UPDATE SET n = s.n + excluded.n;
    q.window_sum := q.window_sum + p_counted;
  END IF;
  UPDATE quota_state SET window_sum = q.window_sum WHERE id = 1;
  RETURN q;
END
$$;

-- Settles this instance's sends, then reserves between p_min and p_want recipients if the
-- window has room (a message larger than the whole quota may go into an empty window).
-- Answers the recipients granted, the quota, and what the window holds now.
CREATE FUNCTION quota_reserve(p_instance text, p_min double precision, p_want double precision,
  p_counted double precision, p_released double precision, p_now bigint, p_stale_before bigint)
RETURNS TABLE (granted double precision, max double precision, used double precision)
LANGUAGE plpgsql AS $$
DECLARE
  q quota_state;
  in_use double precision;
  g double precision := 0;
BEGIN
  q := quota_current(p_instance, p_counted, p_released, p_now, p_stale_before);
  SELECT q.window_sum + q.external + coalesce(sum(reserved), 0) INTO in_use FROM quota_holders;
  IF p_min > 0 AND (in_use + p_min <= q.max OR in_use = 0) THEN
    g := greatest(p_min, least(p_want, q.max - in_use));
    UPDATE quota_holders SET reserved = reserved + g WHERE instance = p_instance;
  END IF;
  RETURN QUERY SELECT g, q.max, in_use + g;
END
$$;

-- Takes SES's view (GetSendQuota): the limit, and what it counted beyond this ledger.
CREATE FUNCTION quota_sync(p_instance text, p_max double precision, p_sent double precision,
  p_counted double precision, p_now bigint, p_stale_before bigint) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  q quota_state;
BEGIN
  q := quota_current(p_instance, p_counted, 0, p_now, p_stale_before);
  UPDATE quota_state SET max = p_max, external = greatest(0, p_sent - q.window_sum) WHERE id = 1;
END
$$;

-- SES answered "Daily message quota exceeded": the window counts as full until the next sync.
CREATE FUNCTION quota_exhausted(p_instance text, p_counted double precision, p_now bigint,
  p_stale_before bigint) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  q quota_state;
BEGIN
  q := quota_current(p_instance, p_counted, 0, p_now, p_stale_before);
  IF q.max <> 'Infinity' THEN
    UPDATE quota_state SET external = greatest(external, q.max - q.window_sum) WHERE id = 1;
  END IF;
END
$$;

-- When `p_need` recipients of the window will have left it (NULL if it never holds that many).
CREATE FUNCTION quota_frees_at(p_need double precision, p_now bigint) RETURNS bigint
LANGUAGE sql STABLE AS $$
  SELECT slot + 86400000 FROM (
    SELECT slot, sum(n) OVER (ORDER BY slot) AS freed FROM quota_sent
    WHERE slot > p_now - 86400000
  ) s WHERE freed >= p_need ORDER BY slot LIMIT 1
$$;
