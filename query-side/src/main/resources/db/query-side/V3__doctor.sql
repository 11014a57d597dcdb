-- doctor-directory: one row per doctor who onboarded or applied, with the whole current profile. Listed (public)
-- while status = 'ACTIVE': onboarded by an admin, or applied and approved; never while PENDING or once REJECTED.
create table doctor (
    doctor_id           uuid         primary key,
    status              varchar(16)  not null,
    full_name           varchar(200) not null,
    specialization      varchar(100) not null,
    time_zone           varchar(64)  not null,
    qualifications      jsonb        not null,
    years_of_experience integer,
    fee                 numeric,
    bio                 text,
    registered_at       timestamptz  not null,
    updated_at          timestamptz  not null
);

-- The directory's order (name ignoring case, then id) over listed doctors, and its specialization filter.
create index doctor_listed_by_name on doctor (lower(full_name), doctor_id) where status = 'ACTIVE';
create index doctor_listed_by_specialization on doctor (lower(specialization), lower(full_name), doctor_id)
    where status = 'ACTIVE';
