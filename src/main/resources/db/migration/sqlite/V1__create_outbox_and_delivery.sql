-- Slack writes that follow a user's action. A row is written in the same transaction as the
-- action itself and delivered later, so nothing the user submitted waits on Slack being up.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    message_key     TEXT    NOT NULL UNIQUE,          -- idempotency key chosen by the feature
    anchor_key      TEXT    REFERENCES outbox (message_key), -- thread parent / message to update
    method          TEXT    NOT NULL,
    args            TEXT    NOT NULL,                 -- JSON
    topic           TEXT,                             -- who hears about the delivery
    ref             TEXT,
    status          TEXT    NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    maybe_sent      INTEGER NOT NULL DEFAULT 0,       -- last attempt's fate unknown: look before re-posting
    next_attempt_at TEXT    NOT NULL,
    last_error      TEXT,
    channel         TEXT,
    ts              TEXT,
    created_at      TEXT    NOT NULL,
    delivered_at    TEXT
);

CREATE INDEX outbox_pending ON outbox (status, next_attempt_at);
CREATE INDEX outbox_anchor ON outbox (anchor_key);

-- Payloads already handled (event ids, view submissions): Slack delivers at least once.
CREATE TABLE delivery (
    delivery_key TEXT PRIMARY KEY,
    seen_at      TEXT NOT NULL
);
