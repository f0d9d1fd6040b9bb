-- Home lists each person's own items, newest first, a page at a time with a count beside it. These
-- were found by reading the whole table; each list now reads its person's rows from an index.
CREATE INDEX support_context_submitter ON support_context (submitted_by, card_id);
CREATE INDEX context_card_assignee ON context_card (assignee, assigned_at);
CREATE INDEX support_request_submitter ON support_request (submitted_by, created_at);
CREATE INDEX sdr_question_asker ON sdr_question (asker, asked_at);
