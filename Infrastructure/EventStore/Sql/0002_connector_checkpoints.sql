-- Where each connector's poll got to in its source system (a date searched up to, a page token…), so a
-- restart resumes instead of searching from scratch. Values are the connector's own text.
create table ledger.connector_checkpoints (
    connector  text        not null,
    key        text        not null,
    value      text        not null,
    updated_at timestamptz not null default now(),
    primary key (connector, key)
);
