-- patient-directory: one row per registered patient; only the name is kept (for doctors' and admins' lists).
create table patient (
    patient_id      uuid         primary key,
    full_name       varchar(200) not null,
    email_confirmed boolean      not null,
    registered_at   timestamptz  not null,
    updated_at      timestamptz  not null
);
