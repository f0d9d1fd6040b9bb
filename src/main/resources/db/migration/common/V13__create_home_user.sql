-- Who has opened CE Bot's Home tab, and when last: their Home is kept up to date as their items
-- change. Someone who has not opened it for a while is left alone until they open it again.
CREATE TABLE home_user (
    user_id   TEXT PRIMARY KEY,
    opened_at TEXT NOT NULL
);
