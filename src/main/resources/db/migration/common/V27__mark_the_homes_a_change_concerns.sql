-- Home is drawn again only for the people a change concerns. The change marks their row in its own
-- transaction (stale counts the changes not yet drawn; NULL once drawn), so a change stored just
-- before a stop is still drawn after it. The partial index holds only the marked rows, so looking
-- for them costs nothing however many people opened Home; the one on opened_at finds who opened it
-- in the last minutes, for changes every Home shows.
ALTER TABLE home_user ADD COLUMN stale INTEGER;
CREATE INDEX home_user_marked ON home_user (stale) WHERE stale IS NOT NULL;
CREATE INDEX home_user_opened_at ON home_user (opened_at);
