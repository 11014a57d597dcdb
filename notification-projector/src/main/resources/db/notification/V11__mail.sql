-- What the notification-mail processor knows of each appointment it has mailed about: where it is now, the time it
-- had before its last move, and the iCalendar SEQUENCE of its latest invite. last_event_id makes a redelivered event
-- change nothing twice.
create table appointment (
    appointment_id      uuid        primary key,
    slot_id             uuid        not null,
    doctor_id           uuid        not null,
    patient_id          uuid        not null,
    start_at            timestamptz not null,
    end_at              timestamptz not null,
    previous_start_at   timestamptz,
    previous_end_at     timestamptz,
    status              varchar(16) not null,
    sequence            integer     not null,
    last_event_id       varchar(255) not null
);

-- One reminder per booked appointment, due reminder-lead before its start; the poller claims due rows with
-- FOR UPDATE SKIP LOCKED, so each is sent by one node, once, also after a restart.
create table reminder (
    appointment_id  uuid        primary key,
    start_at        timestamptz not null,
    due_at          timestamptz not null,
    status          varchar(16) not null,
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null
);
create index reminder_due on reminder (next_attempt_at) where status = 'PENDING';

-- Every mail owed, one row per (message, recipient): the unique key is what makes a redelivered or replayed event
-- send nothing twice. message_key is the event id, or reminder:<appointment>:<start> for a reminder.
create table mail_log (
    id              bigserial    primary key,
    message_key     varchar(255) not null,
    recipient_id    uuid         not null,
    recipient_email varchar(320) not null,
    type            varchar(32)  not null,
    subject         varchar(500) not null,
    status          varchar(16)  not null,
    attempts        integer      not null default 0,
    last_error      varchar(1000),
    created_at      timestamptz  not null default now(),
    updated_at      timestamptz  not null default now(),
    sent_at         timestamptz,
    constraint mail_log_once unique (message_key, recipient_id)
);
create index mail_log_recipient on mail_log (recipient_id, created_at desc, id desc);
create index mail_log_type_status on mail_log (type, status);

-- Axon's JdbcSequencedDeadLetterQueue for the notification-mail processor (Axon's own table layout in snake_case;
-- Axon writes its times as ISO-8601 text and compares them as such, so they stay varchar).
create table dead_letter_entry (
    dead_letter_id      varchar(255)  not null primary key,
    processing_group    varchar(255)  not null,
    sequence_identifier varchar(255)  not null,
    sequence_index      bigint        not null,
    message_type        varchar(255)  not null,
    event_identifier    varchar(255)  not null,
    time_stamp          varchar(255)  not null,
    payload_type        varchar(255)  not null,
    payload_revision    varchar(255),
    payload             bytea         not null,
    meta_data           bytea,
    aggregate_type      varchar(255),
    aggregate_identifier varchar(255),
    sequence_number     bigint,
    token_type          varchar(255),
    token               bytea,
    enqueued_at         varchar(255)  not null,
    last_touched        varchar(255),
    processing_started  varchar(255),
    cause_type          varchar(255),
    cause_message       varchar(1023),
    diagnostics         bytea,
    constraint dead_letter_sequence unique (processing_group, sequence_identifier, sequence_index)
);
create index dead_letter_group on dead_letter_entry (processing_group);
create index dead_letter_group_sequence on dead_letter_entry (processing_group, sequence_identifier);
