-- Idempotency-Key: the first answer to a keyed write, replayed to a retry with the same key (see
-- com.careslot.platform.idempotency). A row is claimed before the request runs (completed_at null: in progress)
-- and completed with the answer afterwards; 5xx answers are not kept. Rows older than the retention are deleted.
-- V10, not V2: other branches number their migrations from V2 upwards.
create table idempotent_request (
    scope        varchar(64)  not null,       -- the caller's account id
    key          varchar(255) not null,
    method       varchar(10)  not null,
    path         text         not null,       -- request URI and query string
    body_sha256  char(64)     not null,
    status       smallint,                    -- null while in progress
    headers      jsonb,
    body         bytea,
    created_at   timestamptz  not null,
    completed_at timestamptz,
    primary key (scope, key)
);
create index idempotent_request_created_at on idempotent_request (created_at);
