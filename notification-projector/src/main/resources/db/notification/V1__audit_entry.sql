-- One row per event of the event store, written by the audit-trail processor; global_index is the event's
-- position in the store, so a replay rewrites nothing twice.
create table audit_entry (
    global_index    bigint       primary key,
    event_id        varchar(255) not null unique,
    aggregate_id    varchar(255),
    aggregate_type  varchar(255),
    sequence_number bigint,
    type            varchar(255) not null,
    occurred_at     timestamptz  not null,
    actor_id        varchar(255),
    actor_role      varchar(32),
    correlation_id  varchar(255),
    meta_data       jsonb        not null,
    payload         jsonb        not null
);

create index audit_entry_aggregate on audit_entry (aggregate_id, sequence_number);
create index audit_entry_type on audit_entry (type, global_index);
create index audit_entry_occurred on audit_entry (occurred_at, global_index);
