-- Each DM the /ooo flow sent to someone covering, for the person going out: an edit made again and
-- again must not flood the people covering (ooo.coverer_dms_per_day counts these over a day).
CREATE TABLE ooo_coverer_dm (
    person  TEXT NOT NULL,
    coverer TEXT NOT NULL,
    sent_at TEXT NOT NULL
);

CREATE INDEX ooo_coverer_dm_pair ON ooo_coverer_dm (person, coverer, sent_at);

-- A context card's taker can release it, and someone can take it again: claims counts the takes, so
-- the card's redraw and thread note for each take and release have keys of their own.
ALTER TABLE context_card ADD COLUMN claims INTEGER NOT NULL DEFAULT 0;
UPDATE context_card SET claims = 1 WHERE assignee IS NOT NULL;
