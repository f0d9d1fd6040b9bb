-- Each DM the /ooo flow sent to someone covering, for the person going out: an edit made again and
-- again must not flood the people covering (ooo.coverer_dms_per_day counts these over a day).
CREATE TABLE ooo_coverer_dm (
    person  TEXT NOT NULL,
    coverer TEXT NOT NULL,
    sent_at TEXT NOT NULL
);

CREATE INDEX ooo_coverer_dm_pair ON ooo_coverer_dm (person, coverer, sent_at);
