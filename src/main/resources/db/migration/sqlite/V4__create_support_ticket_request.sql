-- Every Support Ticket Request, as typed, and where it stands. Its card in #customer-support is the
-- outbox row named by card_key, which holds the card's channel and ts once it has landed.
CREATE TABLE support_request (
    id             INTEGER PRIMARY KEY,
    submission_key TEXT    NOT NULL UNIQUE,  -- the modal's view id: a repeated delivery adds nothing
    customer_id    INTEGER NOT NULL REFERENCES customer (id),
    submitted_by   TEXT    NOT NULL,
    links          TEXT    NOT NULL,         -- JSON array of the parsed links
    ask            TEXT    NOT NULL,
    why            TEXT    NOT NULL,
    if_not         TEXT    NOT NULL,         -- what happens if we don't take the desired action
    needed_by      TEXT,                     -- YYYY-MM-DD, with time_reason saying why
    time_reason    TEXT,
    anything_else  TEXT,
    status         TEXT    NOT NULL DEFAULT 'open'
                   CHECK (status IN ('open', 'acknowledged', 'approved', 'declined', 'done')),
    card_key       TEXT    NOT NULL UNIQUE,
    source_channel TEXT,                     -- set when raised from a message
    source_ts      TEXT,
    created_at     TEXT    NOT NULL,
    -- A date without a reason (or the reverse) cannot be acted on; the form refuses both.
    CHECK ((needed_by IS NULL AND time_reason IS NULL) OR (needed_by IS NOT NULL AND time_reason IS NOT NULL))
);

CREATE INDEX support_request_status ON support_request (status);
CREATE INDEX support_request_created ON support_request (created_at);

-- Who moved a request to which status, when, and why (a decline's reason). Each status is reached
-- at most once, so a repeated click cannot add a second row.
CREATE TABLE request_event (
    id         INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES support_request (id),
    status     TEXT    NOT NULL
               CHECK (status IN ('open', 'acknowledged', 'approved', 'declined', 'done')),
    actor      TEXT    NOT NULL,
    reason     TEXT,
    at         TEXT    NOT NULL,
    UNIQUE (request_id, status)
);
