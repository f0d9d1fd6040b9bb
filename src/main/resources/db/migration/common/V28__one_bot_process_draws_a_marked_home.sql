-- With several bot processes on one store, each reads the Homes a change marked. The one that draws
-- a Home takes it until drawing_until, so the others pass it over and it is published once; a
-- process killed mid-draw leaves it to the others when that time has passed.
ALTER TABLE home_user ADD COLUMN drawing_until TEXT;
