-- Uploaded files (issue 21). file_content holds the bytes when the PostgreSQL file store is in use (the default; the
-- S3-compatible store keeps them in its bucket instead). Stored uncompressed out of line, so a download reads it in
-- slices (substring) without PostgreSQL decompressing the whole value each time.
create table file_content (
    file_id    uuid        primary key,
    content    bytea       not null,
    size       bigint      not null,
    created_at timestamptz not null default now()
);
alter table file_content alter column content set storage external;

-- What each stored file is: a doctor's credential document, or one size of a doctor's profile photo. Names, sizes,
-- types and digests are in the events too; this table is the lookup for serving them.
create table doctor_file (
    file_id      uuid         primary key,
    doctor_id    uuid         not null,
    kind         varchar(16)  not null check (kind in ('CREDENTIAL', 'PHOTO')),
    name         varchar(255) not null,
    content_type varchar(64)  not null,
    size         bigint       not null,
    sha256       char(64)     not null,
    pixels       integer,
    review_note  varchar(500),
    -- clock_timestamp(), not now(): files uploaded in one request keep their order
    created_at   timestamptz  not null default clock_timestamp()
);
create index doctor_file_doctor on doctor_file (doctor_id, kind, created_at);
