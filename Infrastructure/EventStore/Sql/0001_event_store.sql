-- The event store. Positions are built from the writing transaction's id (xid8) shifted left by 20 bits
-- plus the event's ordinal within that transaction. Readers only read below the oldest transaction still
-- running (pg_snapshot_xmin), so an event that commits late can never land behind a reader: see
-- docs/decisions/0002-global-order-from-transaction-ids.md.
create schema if not exists ledger;

create table ledger.events (
    position          bigint      not null primary key,
    event_id          uuid        not null,
    stream_name       text        not null,
    category          text        not null,
    stream_revision   bigint      not null,
    event_type        text        not null,
    schema_version    integer     not null,
    source_system     text        not null,
    source_message_id text,
    occurred_at       timestamptz,
    recorded_at       timestamptz not null,
    correlation_id    text,
    causation_id      uuid,
    source_attributes jsonb,
    payload           jsonb,
    payload_sha256    bytea       not null,
    raw_body          bytea,
    raw_sha256        bytea,
    erased_at         timestamptz,
    hash              bytea       not null,
    constraint events_event_id_key unique (event_id),
    constraint events_stream_revision_key unique (stream_name, stream_revision)
);

create index events_category_position on ledger.events (category, position);

-- The canonical text an event's hash covers. Verify recomputes it with this same function, so the
-- format can never drift between writing and checking.
create function ledger.event_hash(
    p_position bigint, p_event_id uuid, p_stream_name text, p_stream_revision bigint, p_event_type text,
    p_schema_version integer, p_source_system text, p_source_message_id text, p_occurred_at timestamptz,
    p_recorded_at timestamptz, p_correlation_id text, p_causation_id uuid, p_source_attributes jsonb,
    p_payload_sha256 bytea, p_raw_sha256 bytea, p_previous_hash bytea)
returns bytea
language sql immutable parallel safe
as $$
    select sha256(convert_to(concat_ws(E'\x1f',
        'ledger-event-v1',
        p_position::text, p_event_id::text, p_stream_name, p_stream_revision::text, p_event_type,
        p_schema_version::text, p_source_system, coalesce(p_source_message_id, ''),
        coalesce(to_char(p_occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), ''),
        to_char(p_recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        coalesce(p_correlation_id, ''), coalesce(p_causation_id::text, ''), coalesce(p_source_attributes::text, ''),
        encode(p_payload_sha256, 'hex'), coalesce(encode(p_raw_sha256, 'hex'), ''),
        coalesce(encode(p_previous_hash, 'hex'), '')), 'UTF8'))
$$;

-- Appends a batch to one stream in one round trip. Returns the stream's revision before the append
-- (-1: none) and the positions written. It raises when the expected revision does not hold (LDG01),
-- and lets a concurrent writer's unique-key violation surface so the client can decide whether the
-- race was an idempotent repeat.
create function ledger.append_to_stream(
    p_stream_name text, p_category text, p_expected bigint,
    p_event_ids uuid[], p_event_types text[], p_schema_versions integer[], p_payloads text[],
    p_raw_bodies bytea[], p_source_systems text[], p_source_message_ids text[], p_occurred_ats timestamptz[],
    p_correlation_ids text[], p_causation_ids uuid[], p_source_attributes text[])
returns table (previous_revision bigint, first_position bigint, last_position bigint)
language plpgsql
as $$
declare
    v_revision bigint;
    v_hash bytea;
    v_xid bigint := pg_current_xact_id()::text::bigint;
    v_base bigint;
    v_now timestamptz := now();
    v_count integer := cardinality(p_event_ids);
    v_position bigint;
    v_payload jsonb;
    v_payload_sha bytea;
    v_raw_sha bytea;
    v_attributes jsonb;
    i integer;
begin
    select e.stream_revision, e.hash into v_revision, v_hash
      from ledger.events e
     where e.stream_name = p_stream_name
     order by e.stream_revision desc
     limit 1;
    v_revision := coalesce(v_revision, -1);

    if not (p_expected = -2
            or (p_expected = -1 and v_revision = -1)
            or (p_expected = -4 and v_revision >= 0)
            or (p_expected >= 0 and v_revision = p_expected)) then
        raise exception using errcode = 'LDG01', message = v_revision::text;
    end if;

    -- Ordinals continue when one transaction appends more than once.
    select coalesce(max(e.position) + 1, v_xid << 20) into v_base
      from ledger.events e
     where e.position >= v_xid << 20 and e.position < (v_xid + 1) << 20;

    for i in 1 .. v_count loop
        v_position := v_base + i - 1;
        v_payload := p_payloads[i]::jsonb;
        v_payload_sha := sha256(convert_to(v_payload::text, 'UTF8'));
        v_raw_sha := case when p_raw_bodies[i] is null then null else sha256(p_raw_bodies[i]) end;
        v_attributes := p_source_attributes[i]::jsonb;
        v_hash := ledger.event_hash(v_position, p_event_ids[i], p_stream_name, v_revision + i, p_event_types[i],
            p_schema_versions[i], p_source_systems[i], p_source_message_ids[i], p_occurred_ats[i], v_now,
            p_correlation_ids[i], p_causation_ids[i], v_attributes, v_payload_sha, v_raw_sha, v_hash);
        insert into ledger.events (position, event_id, stream_name, category, stream_revision, event_type,
            schema_version, source_system, source_message_id, occurred_at, recorded_at, correlation_id,
            causation_id, source_attributes, payload, payload_sha256, raw_body, raw_sha256, hash)
        values (v_position, p_event_ids[i], p_stream_name, p_category, v_revision + i, p_event_types[i],
            p_schema_versions[i], p_source_systems[i], p_source_message_ids[i], p_occurred_ats[i], v_now,
            p_correlation_ids[i], p_causation_ids[i], v_attributes, v_payload, v_payload_sha, p_raw_bodies[i], v_raw_sha, v_hash);
    end loop;

    return query select v_revision, v_base, v_base + v_count - 1;
end
$$;

-- Projections: one checkpoint per projection, written in the same transaction as its read model.
create table ledger.projection_checkpoints (
    projection   text        not null primary key,
    position     bigint      not null default 0,
    updated_at   timestamptz not null default now()
);

-- Events a projection could not apply after several attempts: parked, visible, and skipped so
-- that one bad event does not stall the projection forever.
create table ledger.parked_events (
    projection   text        not null,
    event_id     uuid        not null,
    position     bigint      not null,
    event_type   text        not null,
    error        text        not null,
    attempts     integer     not null,
    parked_at    timestamptz not null default now(),
    primary key (projection, event_id)
);
