-- The last members read of a user group (the head of support's): a restart that cannot reach Slack
-- still knows who may decide.
CREATE TABLE user_group_members (
    group_id TEXT PRIMARY KEY,
    members  TEXT NOT NULL,  -- JSON array of user IDs
    read_at  TEXT NOT NULL
);
