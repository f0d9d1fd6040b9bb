-- Submissions accepted from Slack, stored in one cheap write before the ack. Turning one into
-- records and posts happens right after, off the socket, in the transaction that marks it done.
CREATE TABLE inbox (
    id           INTEGER PRIMARY KEY,
    delivery_key TEXT    NOT NULL UNIQUE,  -- what Slack delivered (a view id): a repeat adds nothing
    kind         TEXT    NOT NULL,
    user_id      TEXT    NOT NULL,
    payload      TEXT    NOT NULL,         -- the checked form, as JSON
    status       TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error   TEXT,
    received_at  TEXT    NOT NULL,
    done_at      TEXT
);

CREATE INDEX inbox_pending ON inbox (status, next_attempt_at);
