-- Deleting a context card makes SQLite look for tickets still pointing at it (foreign keys are on),
-- and releasing, forgetting or purging a card's tickets finds them by card: without this index each
-- of these read the whole ticket_card table, once per card. On a year of data a purge batch of 500
-- cards held the store's one writer for 0.8 s, where it now takes a few milliseconds.
CREATE INDEX ticket_card_card ON ticket_card (card_id);

-- The purge takes answered questions a batch at a time, those answered longest ago first: through
-- this index a batch reads its own rows, where each batch read and sorted every answered question
-- of the year (a third of a second per batch on a year of data, holding the store's one writer).
CREATE INDEX sdr_question_answered ON sdr_question (status, answered_at);
