-- Work that falls due later: reminders, nudges, follow-ups. A job is a row so that it survives a
-- restart; job_key makes scheduling idempotent, and the claim that marks a row done commits with
-- whatever its handler wrote, so a job never runs twice.
CREATE TABLE job (
    id          INTEGER PRIMARY KEY,
    job_key     TEXT    NOT NULL UNIQUE,          -- idempotency key chosen by the feature
    kind        TEXT    NOT NULL,                 -- which handler runs it
    ref         TEXT,                             -- what it is about (a request id, an OOO period id)
    due_at      TEXT    NOT NULL,
    status      TEXT    NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'done', 'cancelled')),
    attempts    INTEGER NOT NULL DEFAULT 0,       -- failed runs so far
    last_error  TEXT,
    created_at  TEXT    NOT NULL,
    done_at     TEXT                              -- when it stopped being pending: run or cancelled
);

CREATE INDEX job_due ON job (status, due_at);
-- Cancelling everything about one thing (an acknowledged request, an edited OOO period).
CREATE INDEX job_ref ON job (kind, ref);
