-- What a CE says about timing is kept with or without a needed-by date ("No rush", "before the
-- renewal call"): only a date still needs its reason. SQLite cannot change a CHECK in place, so the
-- table is rebuilt under the same name, each row keeping its id. Its moves (request_event) point at
-- those ids; deferring the foreign key checks to the commit lets them wait for the rows to be back.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE support_request_before_v24 AS SELECT * FROM support_request;
DROP TABLE support_request;

CREATE TABLE support_request (
    id             INTEGER PRIMARY KEY,
    submission_key TEXT    NOT NULL UNIQUE,  -- the modal's view id: a repeated delivery adds nothing
    customer_id    INTEGER NOT NULL REFERENCES customer (id),
    submitted_by   TEXT    NOT NULL,
    links          TEXT    NOT NULL,         -- JSON array of the parsed links
    ask            TEXT    NOT NULL,
    why            TEXT    NOT NULL,
    if_not         TEXT    NOT NULL,         -- what happens if we don't take the desired action
    needed_by      TEXT,                     -- YYYY-MM-DD: the deadline, when the CE picked one
    time_reason    TEXT,                     -- what the CE said about timing: why that date, or a note
    anything_else  TEXT,
    status         TEXT    NOT NULL DEFAULT 'open'
                   CHECK (status IN ('open', 'acknowledged', 'approved', 'declined', 'done')),
    card_key       TEXT    NOT NULL UNIQUE,
    source_channel TEXT,                     -- set when raised from a message
    source_ts      TEXT,
    created_at     TEXT    NOT NULL,
    card_channel   TEXT,                     -- where the card landed, once it has
    card_ts        TEXT,
    -- A date without a reason cannot be acted on; the form asks why whenever a date is picked.
    CHECK (needed_by IS NULL OR time_reason IS NOT NULL)
);

INSERT INTO support_request (id, submission_key, customer_id, submitted_by, links, ask, why, if_not, needed_by,
                             time_reason, anything_else, status, card_key, source_channel, source_ts, created_at,
                             card_channel, card_ts)
SELECT id, submission_key, customer_id, submitted_by, links, ask, why, if_not, needed_by,
       time_reason, anything_else, status, card_key, source_channel, source_ts, created_at,
       card_channel, card_ts
FROM support_request_before_v24 ORDER BY id;

DROP TABLE support_request_before_v24;

CREATE INDEX support_request_status ON support_request (status);
CREATE INDEX support_request_created ON support_request (created_at);
CREATE INDEX support_request_submitter ON support_request (submitted_by, created_at);
