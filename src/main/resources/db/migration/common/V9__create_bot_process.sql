-- Each bot process that ran on this database, under the owner name it claims work with. `status`
-- shows who runs and when Slack last said hello to each; a process found dead (same host, its pid
-- gone) has its claims released at once instead of when their leases run out.
CREATE TABLE bot_process (
    owner         TEXT    PRIMARY KEY,   -- host/pid/random
    host          TEXT    NOT NULL,
    pid           INTEGER NOT NULL,
    started_at    TEXT    NOT NULL,
    last_hello_at TEXT,
    stopped_at    TEXT,
    stop_reason   TEXT                   -- 'stopped' (shut down cleanly) or 'gone' (found dead)
);
