-- Product gaps: a feature request or enhancement that customers want, one card each in #feedback.
-- The card's channel and ts are kept here once the outbox reports where it landed.
CREATE TABLE feedback_gap (
    id           INTEGER PRIMARY KEY,
    title        TEXT    NOT NULL,
    title_key    TEXT    NOT NULL,          -- case and spacing folded, for the typeahead
    category     TEXT    NOT NULL,
    status       TEXT    NOT NULL DEFAULT 'open'
                 CHECK (status IN ('open', 'in_review', 'in_progress', 'scheduled', 'resolved', 'backlog',
                                   'wont_do')),
    merged_into  INTEGER REFERENCES feedback_gap (id),  -- set once: its submissions moved there
    record_link  TEXT,                      -- the gap's Salesforce record, set by the product team
    version      INTEGER NOT NULL DEFAULT 0,  -- counts changes; keys the card's updates
    card_key     TEXT    NOT NULL UNIQUE,
    card_channel TEXT,
    card_ts      TEXT,
    created_at   TEXT    NOT NULL
);

CREATE INDEX feedback_gap_open ON feedback_gap (merged_into, status);

-- One customer who wants a gap. One form may name several customers: each is a submission, and
-- the form's view id (share_key) groups them for the one thread reply that shows them.
CREATE TABLE feedback_submission (
    id             INTEGER PRIMARY KEY,
    share_key      TEXT    NOT NULL,
    gap_id         INTEGER NOT NULL REFERENCES feedback_gap (id),
    customer_id    INTEGER NOT NULL REFERENCES customer (id),
    shared_by      TEXT    NOT NULL,        -- kept for status DMs, also when anonymous
    anonymous      INTEGER NOT NULL CHECK (anonymous IN (0, 1)),
    need           TEXT    NOT NULL,
    severity       TEXT    NOT NULL CHECK (severity IN ('blocker', 'major', 'minor')),
    blocks         TEXT,                    -- what it blocks for the customer
    workaround     TEXT,
    link           TEXT,                    -- one https link: Salesforce, Slack, GitHub
    source_channel TEXT,                    -- set when shared from a message
    source_ts      TEXT,
    created_at     TEXT    NOT NULL,
    UNIQUE (share_key, customer_id)
);

CREATE INDEX feedback_submission_gap ON feedback_submission (gap_id);
CREATE INDEX feedback_submission_shared_by ON feedback_submission (shared_by, created_at);
CREATE INDEX feedback_submission_created ON feedback_submission (created_at);

-- What happened to a gap, by whom: made, a status set (with its note), merged into another, its
-- Salesforce record set. Status notes and DMs are keyed on the event's id, so each goes out once.
CREATE TABLE feedback_gap_event (
    id         INTEGER PRIMARY KEY,
    gap_id     INTEGER NOT NULL REFERENCES feedback_gap (id),
    action     TEXT    NOT NULL CHECK (action IN ('created', 'status', 'merged', 'record')),
    status     TEXT,                        -- the status set, or the status before a merge
    previous   TEXT,                        -- the status before a status change
    note       TEXT,
    other_gap  INTEGER REFERENCES feedback_gap (id),  -- where a merge sent the submissions
    actor      TEXT,                        -- null for a gap made by a share, which may be anonymous
    at         TEXT    NOT NULL
);

CREATE INDEX feedback_gap_event_gap ON feedback_gap_event (gap_id);
CREATE INDEX feedback_gap_event_at ON feedback_gap_event (at);
