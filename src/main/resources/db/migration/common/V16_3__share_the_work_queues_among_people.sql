-- A queue takes its rows in turns among the people they are for, so one person's hundred writes
-- do not hold up another person's card: this is whose turn a row takes (for the outbox, who caused
-- the write, or else whom it is addressed to). Null rows, the bot's own, share one turn.
ALTER TABLE work ADD COLUMN person TEXT;
UPDATE work SET person = for_user WHERE status = 'pending';

-- Each person's next due rows, read in due order without sorting every pending row.
CREATE INDEX work_person_due ON work (queue, status, person, due_at);
