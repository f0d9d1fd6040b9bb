-- What a CE says about timing is kept with or without a needed-by date ("No rush", "before the
-- renewal call"): only a date still needs its reason. PostgreSQL changes the CHECK in place (V4
-- left it unnamed, so it bears PostgreSQL's name for a table's check).
ALTER TABLE support_request DROP CONSTRAINT support_request_check;
-- A date without a reason cannot be acted on; the form asks why whenever a date is picked.
ALTER TABLE support_request ADD CONSTRAINT support_request_check
    CHECK (needed_by IS NULL OR time_reason IS NOT NULL);
