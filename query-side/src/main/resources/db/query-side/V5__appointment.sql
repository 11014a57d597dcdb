-- appointment-view: one row per appointment (its id survives a reschedule; slot, doctor and times follow it).
-- status is the FHIR code: booked, cancelled, checked-in, fulfilled, noshow.
create table appointment (
    appointment_id      uuid        primary key,
    slot_id             uuid        not null,
    doctor_id           uuid        not null,
    patient_id          uuid        not null,
    start_at            timestamptz not null,
    end_at              timestamptz not null,
    status              varchar(16) not null,
    booked_at           timestamptz not null,
    rescheduled_at      timestamptz,
    cancelled_at        timestamptz,
    cancelled_by        varchar(16),
    cancellation_reason varchar(500),
    updated_at          timestamptz not null
);

-- A patient's upcoming (end_at > now, ascending) and past (descending) appointments.
create index appointment_patient_end on appointment (patient_id, end_at, appointment_id);
-- A doctor's week, and the admin's list filtered by doctor.
create index appointment_doctor_start on appointment (doctor_id, start_at, appointment_id);
-- The admin's list in start order, with or without a status.
create index appointment_start on appointment (start_at, appointment_id);
create index appointment_status_start on appointment (status, start_at, appointment_id);
-- Bookings per day of the dashboard.
create index appointment_booked_at on appointment (booked_at);
