-- Deleting a context card makes SQLite look for tickets still pointing at it (foreign keys are on),
-- and releasing, forgetting or purging a card's tickets finds them by card: without this index each
-- of these read the whole ticket_card table, once per card, so a purge of a year's cards held the
-- store's one writer for seconds at a time.
CREATE INDEX ticket_card_card ON ticket_card (card_id);
