-- SDR questions asked in #ce (tagging the group, or through the "Ask the CE team" shortcut), each
-- owned by one CE at a time; the assignment reply in its thread is redrawn from this row.
CREATE TABLE sdr_question (
    id                   INTEGER PRIMARY KEY,
    channel              TEXT    NOT NULL,
    ts                   TEXT,                     -- null until the bot's post of a shortcut question lands
    asker                TEXT    NOT NULL,
    source               TEXT    NOT NULL CHECK (source IN ('message', 'shortcut')),
    question_key         TEXT    NOT NULL UNIQUE,  -- outbox key of the question message
    reply_key            TEXT    NOT NULL,         -- outbox key of the bot's assignment reply
    urgency              TEXT,                     -- shortcut questions: today, week, whenever
    status               TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered')),
    assignee             TEXT,                     -- null while nobody eligible holds it
    assigned_at          TEXT,
    assignment           INTEGER NOT NULL DEFAULT 0,  -- counts assignments; keys their nudges
    version              INTEGER NOT NULL DEFAULT 0,  -- counts changes; keys the reply's updates
    escalated_by         TEXT,
    escalated_at         TEXT,
    first_response_by    TEXT,
    first_response_at    TEXT,
    first_response_secs  INTEGER,                  -- working seconds from asked_at
    answered_by          TEXT,
    answered_at          TEXT,
    asked_at             TEXT    NOT NULL,
    UNIQUE (channel, ts)
);

CREATE INDEX sdr_question_open ON sdr_question (status, assignee);
CREATE INDEX sdr_question_asked ON sdr_question (asked_at);

-- Who did what to a question, and when: assigned, skipped, claimed, passed, escalated, answered.
CREATE TABLE sdr_question_event (
    id          INTEGER PRIMARY KEY,
    question_id INTEGER NOT NULL REFERENCES sdr_question (id),
    action      TEXT    NOT NULL,
    actor       TEXT,                              -- who pressed; null for the bot
    subject     TEXT,                              -- whom it was about (the new assignee)
    at          TEXT    NOT NULL
);

CREATE INDEX sdr_question_event_question ON sdr_question_event (question_id);

-- People a question must not go to again: those who passed it or let it wait.
CREATE TABLE sdr_question_skip (
    question_id INTEGER NOT NULL REFERENCES sdr_question (id),
    user_id     TEXT    NOT NULL,
    PRIMARY KEY (question_id, user_id)
);

-- Fair rotation: each member's last turn; the lowest turn among those eligible goes next.
CREATE TABLE sdr_rotation (
    user_id   TEXT    PRIMARY KEY,
    last_turn INTEGER NOT NULL
);
