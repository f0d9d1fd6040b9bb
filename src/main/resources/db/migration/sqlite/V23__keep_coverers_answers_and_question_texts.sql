-- Each person asked to cover a period of time off: their name as Slack gave it (the customer notice
-- names them to people outside Slack), and whether they said they can't cover. An edit asks again.
-- Indexed by coverer, so Home finds the time off a person covers without reading every period.
CREATE TABLE ooo_coverer (
    period_id       INTEGER NOT NULL REFERENCES ooo_period (id),
    coverer         TEXT    NOT NULL,
    name            TEXT,                    -- null until read from Slack, or when Slack would not say
    cannot_cover_at TEXT,                    -- when they said they can't cover; null while they cover
    PRIMARY KEY (period_id, coverer)
);

CREATE INDEX ooo_coverer_by_coverer ON ooo_coverer (coverer, period_id);

INSERT INTO ooo_coverer (period_id, coverer)
WITH RECURSIVE split (period_id, coverer, rest) AS (
    SELECT id, '', coverers || ',' FROM ooo_period WHERE coverers <> ''
    UNION ALL
    SELECT period_id, substr(rest, 1, instr(rest, ',') - 1), substr(rest, instr(rest, ',') + 1)
    FROM split WHERE rest <> ''
)
SELECT period_id, coverer FROM split WHERE coverer <> '';

-- The start of an SDR question as people read it (mrkdwn: escaped, people as <@U…>, the group tag
-- left out), so Home names a question by what it asks. Null for questions asked before this.
ALTER TABLE sdr_question ADD COLUMN question_text TEXT;

