-- What each daily retention purge removed, for `status`. A purge that runs out of time goes on in a
-- further part the same day: the parts of a day together are that day's purge. Rows older than a
-- month are removed by the purge itself.
CREATE TABLE retention_purge (
    id             INTEGER PRIMARY KEY,
    day            TEXT    NOT NULL,  -- YYYY-MM-DD (UTC) of the daily run
    finished_at    TEXT    NOT NULL,
    work_before    TEXT    NOT NULL,  -- finished work older than this was removed
    records_before TEXT,              -- records finished before this were removed; null while kept
    removed        TEXT    NOT NULL,  -- JSON array of {"what": ..., "rows": n}
    complete       INTEGER NOT NULL   -- 0: stopped for time, another part follows
);

CREATE INDEX retention_purge_day ON retention_purge (day);

-- The purge asks which outbox keys a question still replies under: its reply's key among them.
CREATE INDEX sdr_question_reply ON sdr_question (reply_key);
