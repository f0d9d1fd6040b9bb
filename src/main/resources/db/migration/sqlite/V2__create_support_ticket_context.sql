-- Customers named in Support Ticket Context and Request forms; offered as the CE types.
CREATE TABLE customer (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL UNIQUE,  -- case and spacing folded: "ACME  Corp" is "acme corp"
    created_at TEXT NOT NULL
);

-- A card in #customer-support. Its Slack channel and ts live on the outbox row named by card_key.
CREATE TABLE context_card (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer (id),
    card_key    TEXT    NOT NULL UNIQUE,
    assignee    TEXT,
    assigned_at TEXT,
    created_at  TEXT    NOT NULL
);

-- Which card holds the context for a ticket: more context for the same ticket goes in its thread.
CREATE TABLE ticket_card (
    ticket_key TEXT    PRIMARY KEY,
    card_id    INTEGER NOT NULL REFERENCES context_card (id)
);

-- Every Support Ticket Context submission, as typed.
CREATE TABLE support_context (
    id             INTEGER PRIMARY KEY,
    submission_key TEXT    NOT NULL UNIQUE,  -- the modal's view id: a repeated delivery adds nothing
    card_id        INTEGER NOT NULL REFERENCES context_card (id),
    customer_id    INTEGER NOT NULL REFERENCES customer (id),
    submitted_by   TEXT    NOT NULL,
    links          TEXT    NOT NULL,         -- JSON array of the parsed links
    background     TEXT    NOT NULL,
    source_channel TEXT,                     -- set when shared from a message
    source_ts      TEXT,
    created_at     TEXT    NOT NULL
);

CREATE INDEX support_context_card ON support_context (card_id);
CREATE INDEX support_context_created ON support_context (created_at);
