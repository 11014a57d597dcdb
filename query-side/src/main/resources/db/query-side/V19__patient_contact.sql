-- patient-contacts: what the front desk finds a patient by (name, email, phone). Personal data, kept apart from the
-- patient directory that other reads join; phone_digits is the phone without spaces or punctuation.
create table patient_contact (
    patient_id      uuid         primary key,
    full_name       varchar(200) not null,
    email           varchar(254) not null,
    phone           varchar(40),
    phone_digits    varchar(40),
    email_confirmed boolean      not null,
    updated_at      timestamptz  not null
);
create index patient_contact_name on patient_contact (lower(full_name) varchar_pattern_ops);
create index patient_contact_email on patient_contact (lower(email) varchar_pattern_ops);
create index patient_contact_phone on patient_contact (phone_digits varchar_pattern_ops);
