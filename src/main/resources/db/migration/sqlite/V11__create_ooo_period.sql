-- Time off planned through /ooo. Dates are the person's calendar days (first and last day out);
-- zone is their Slack time zone when they planned it, in which all their reminders fall due.
-- version grows with each edit: reminders and DMs are keyed by it, so an edit plans new ones.
CREATE TABLE ooo_period (
    id             INTEGER PRIMARY KEY,
    submission_key TEXT    NOT NULL UNIQUE,  -- the modal's view id: a repeated delivery adds nothing
    person         TEXT    NOT NULL,
    zone           TEXT    NOT NULL,
    first_day      TEXT    NOT NULL,         -- YYYY-MM-DD
    last_day       TEXT    NOT NULL,
    coverers       TEXT    NOT NULL,         -- user IDs, comma-separated
    plan           TEXT,                     -- coverage plan notes, as typed
    customers      TEXT    NOT NULL,         -- JSON array of customer names
    version        INTEGER NOT NULL DEFAULT 1,
    cancelled_at   TEXT,
    created_at     TEXT    NOT NULL,
    CHECK (last_day >= first_day)
);

CREATE INDEX ooo_period_person ON ooo_period (person, last_day);
CREATE INDEX ooo_period_days ON ooo_period (last_day, first_day);

-- The handbook's five steps, as the person ticked them (in the modal or from a DM).
CREATE TABLE ooo_step (
    period_id  INTEGER NOT NULL REFERENCES ooo_period (id),
    step       TEXT    NOT NULL,
    ticked_at  TEXT    NOT NULL,
    PRIMARY KEY (period_id, step)
);

-- What the bot did while someone was out, for the DM on their day back: a mention answered
-- (one per thread), a question passed on by another workflow.
CREATE TABLE ooo_note (
    id         INTEGER PRIMARY KEY,
    period_id  INTEGER NOT NULL REFERENCES ooo_period (id),
    note_key   TEXT    NOT NULL UNIQUE,
    what       TEXT    NOT NULL,             -- mrkdwn, escaped by whoever wrote it
    at         TEXT    NOT NULL
);

CREATE INDEX ooo_note_period ON ooo_note (period_id);
