-- API keys for Ledger's own API. Only the SHA-256 of the whole key is kept, so a stolen table
-- holds nothing that works; the key is shown once, when created. Revoking keeps the row, so the
-- audit of who held which role survives.
create table ledger.api_keys (
    key_id     text        primary key,
    name       text        not null,
    role       text        not null check (role in ('reader', 'operator', 'admin')),
    key_sha256 bytea       not null unique check (octet_length(key_sha256) = 32),
    created_at timestamptz not null default now(),
    revoked_at timestamptz
);
