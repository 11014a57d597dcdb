-- Invariant 2, second half: a patient's active appointments never overlap. One row per booked appointment, written
-- by a subscribing handler in the transaction that appends the booking (see PatientCalendar).
create table patient_calendar (
    appointment_id uuid      primary key,
    patient_id     uuid      not null,
    slot_id        uuid      not null unique,
    period         tstzrange not null,
    exclude using gist (patient_id with =, period with &&)
);
create index patient_calendar_patient on patient_calendar (patient_id, upper(period));
