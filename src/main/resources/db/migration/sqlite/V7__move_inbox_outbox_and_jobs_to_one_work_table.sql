-- Submissions to process, Slack writes to make and jobs that fall due later are rows of one table,
-- claimed, retried and given up on by one engine. A row is claimed with a lease (owner and expiry),
-- so two processes on one database never handle the same row at once.
CREATE TABLE work (
    id           INTEGER PRIMARY KEY,
    queue        TEXT    NOT NULL CHECK (queue IN ('inbox', 'outbox', 'job')),
    work_key     TEXT    NOT NULL,                -- idempotency key chosen by the feature
    kind         TEXT    NOT NULL,                -- which handler does it
    ref          TEXT,                            -- what it is about (a request id, a card id)
    topic        TEXT,                            -- who hears of its outcome (outbox delivery hooks)
    payload      TEXT,                            -- JSON
    for_user     TEXT,                            -- who is told if it fails for good
    after_key    TEXT,                            -- waits until that row of the queue is finished;
                                                  -- rows waiting on one key run in the order made
    status       TEXT    NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'done', 'failed', 'cancelled')),
    due_at       TEXT    NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,      -- failed attempts so far
    attempt_open INTEGER NOT NULL DEFAULT 0,      -- claimed and not yet finished: a crash mid-attempt
    uncertain    INTEGER NOT NULL DEFAULT 0,      -- an attempt may have taken effect unseen: look first
    lease_owner  TEXT,
    lease_until  TEXT,
    last_error   TEXT,
    result       TEXT,                            -- what came of it (where a post landed), JSON
    created_at   TEXT    NOT NULL,
    done_at      TEXT,
    UNIQUE (queue, work_key)
);

CREATE INDEX work_due ON work (queue, status, due_at);
CREATE INDEX work_after ON work (queue, after_key);
CREATE INDEX work_ref ON work (queue, kind, ref);

INSERT INTO work (queue, work_key, kind, payload, for_user, status, due_at, attempts, last_error,
                  created_at, done_at)
SELECT 'inbox', delivery_key, kind, payload, user_id, status, next_attempt_at, attempts, last_error,
       received_at, done_at
FROM inbox ORDER BY id;

INSERT INTO work (queue, work_key, kind, ref, topic, payload, after_key, status, due_at, attempts, uncertain,
                  last_error, result, created_at, done_at)
SELECT 'outbox', message_key, method, ref, topic, args, anchor_key,
       CASE status WHEN 'delivered' THEN 'done' ELSE status END,
       next_attempt_at, attempts, maybe_sent, last_error,
       CASE WHEN ts IS NULL THEN NULL ELSE '{"channel":"' || channel || '","ts":"' || ts || '"}' END,
       created_at, delivered_at
FROM outbox ORDER BY id;

INSERT INTO work (queue, work_key, kind, ref, status, due_at, attempts, last_error, created_at, done_at)
SELECT 'job', job_key, kind, ref, status, due_at, attempts, last_error, created_at, done_at
FROM job ORDER BY id;

DROP TABLE inbox;
DROP TABLE outbox;
DROP TABLE job;
