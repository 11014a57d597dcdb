-- Credentials and secrets: state-stored, never event-sourced. Emails are stored lower-cased.
create table account (
    account_id    uuid         primary key,
    email         varchar(254) not null unique,
    password_hash varchar(100),                -- null until an invited account sets its password
    role          varchar(16)  not null,
    status        varchar(16)  not null,       -- ACTIVE, PENDING (doctor applied), REJECTED
    verified      boolean      not null,       -- email proven (patient OTP, or invite accepted)
    created_at    timestamptz  not null
);

-- Rotating refresh tokens, stored as SHA-256 hashes; one family per sign-in.
create table refresh_token (
    token_hash char(64)    primary key,
    family_id  uuid        not null,
    account_id uuid        not null references account,
    issued_at  timestamptz not null,
    expires_at timestamptz not null,
    spent_at   timestamptz,
    revoked_at timestamptz
);
create index refresh_token_family on refresh_token (family_id);

-- Email OTPs (purpose VERIFY) and invitations (purpose INVITE), hashed; one live code per account and purpose.
create table one_time_code (
    account_id uuid        not null references account,
    purpose    varchar(16) not null,
    code_hash  char(64)    not null unique,
    expires_at timestamptz not null,
    attempts   integer     not null default 0,
    sent_at    timestamptz not null,
    primary key (account_id, purpose)
);

-- Sends of a code, to limit resends; and failed sign-ins, to throttle guessing.
create table code_send (
    account_id uuid        not null,
    sent_at    timestamptz not null
);
create index code_send_account on code_send (account_id, sent_at);

create table login_failure (
    email     varchar(254) not null,
    failed_at timestamptz  not null
);
create index login_failure_email on login_failure (email, failed_at);
