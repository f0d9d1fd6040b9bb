-- When each bot process last said it was alive (at Slack's hello and every half minute), so
-- `status` can tell a process that runs from one that was killed on another host and never said so.
ALTER TABLE bot_process ADD COLUMN last_seen_at TEXT;
