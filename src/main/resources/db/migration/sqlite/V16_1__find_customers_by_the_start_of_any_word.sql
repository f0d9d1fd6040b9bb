-- The customer typeahead matched '%typed%' against every name: a scan of the whole table on each
-- keystroke. It now reads two indexes instead: names starting with what was typed (customer's
-- unique index on name_key), and names with a later word starting with it, from this table. Each
-- row is the name from one of its later words on ("big acme corp" gives "acme corp" and "corp"),
-- so typing across words ("acme co") finds it too. A word starts after any character that is not
-- a-z or 0-9, except at a space: the same rule as Customer.laterWords, which fills it from now on.
CREATE TABLE customer_word (
    tail        TEXT    NOT NULL,
    customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    PRIMARY KEY (tail, customer_id)
) WITHOUT ROWID;

CREATE INDEX customer_word_customer ON customer_word (customer_id);

WITH RECURSIVE position (customer_id, name_key, i) AS (
    SELECT id, name_key, 2 FROM customer WHERE length(name_key) >= 2
    UNION ALL
    SELECT customer_id, name_key, i + 1 FROM position WHERE i < length(name_key)
)
INSERT INTO customer_word (tail, customer_id)
SELECT DISTINCT substr(name_key, i), customer_id FROM position
WHERE substr(name_key, i - 1, 1) NOT GLOB '[a-z0-9]' AND substr(name_key, i, 1) <> ' ';
