-- Each feature keeps where its card landed, told by the outbox's delivery hook, instead of reading
-- the outbox table: the outbox's rows are the engine's business.
ALTER TABLE context_card ADD COLUMN channel TEXT;
ALTER TABLE context_card ADD COLUMN ts TEXT;
-- 'posting' until Slack took the card; 'refused' when it never will, so that more context for the
-- same ticket makes a new card instead of waiting on this one.
ALTER TABLE context_card ADD COLUMN state TEXT NOT NULL DEFAULT 'posting'
    CHECK (state IN ('posting', 'posted', 'refused'));

UPDATE context_card SET
    channel = (SELECT o.channel FROM outbox o WHERE o.message_key = context_card.card_key AND o.status = 'delivered'),
    ts = (SELECT o.ts FROM outbox o WHERE o.message_key = context_card.card_key AND o.status = 'delivered');
UPDATE context_card SET state = 'posted' WHERE ts IS NOT NULL;
UPDATE context_card SET state = 'refused'
WHERE EXISTS (SELECT 1 FROM outbox o WHERE o.message_key = context_card.card_key AND o.status = 'failed');
-- A refused card holds no ticket any more.
DELETE FROM ticket_card WHERE card_id IN (SELECT id FROM context_card WHERE state = 'refused');

ALTER TABLE support_request ADD COLUMN card_channel TEXT;
ALTER TABLE support_request ADD COLUMN card_ts TEXT;
UPDATE support_request SET
    card_channel = (SELECT o.channel FROM outbox o WHERE o.message_key = support_request.card_key AND o.status = 'delivered'),
    card_ts = (SELECT o.ts FROM outbox o WHERE o.message_key = support_request.card_key AND o.status = 'delivered');
