-- Each person asked to cover a period of time off: their name as Slack gave it (the customer notice
-- names them to people outside Slack), and whether they said they can't cover. An edit asks again.
-- Indexed by coverer, so Home finds the time off a person covers without reading every period.
CREATE TABLE ooo_coverer (
    period_id       BIGINT  NOT NULL REFERENCES ooo_period (id),
    coverer         TEXT    NOT NULL,
    name            TEXT,                    -- null until read from Slack, or when Slack would not say
    cannot_cover_at TEXT,                    -- when they said they can't cover; null while they cover
    PRIMARY KEY (period_id, coverer)
);

CREATE INDEX ooo_coverer_by_coverer ON ooo_coverer (coverer, period_id);

INSERT INTO ooo_coverer (period_id, coverer)
SELECT p.id, c.coverer
FROM ooo_period p, unnest(string_to_array(p.coverers, ',')) AS c (coverer)
WHERE c.coverer <> '';

-- The start of an SDR question as people read it (mrkdwn: escaped, people as <@U…>, the group tag
-- left out), so Home names a question by what it asks. Null for questions asked before this.
ALTER TABLE sdr_question ADD COLUMN question_text TEXT;
