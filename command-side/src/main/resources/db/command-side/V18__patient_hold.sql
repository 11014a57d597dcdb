-- A patient's holds as a set: one row per held slot, written by a subscribing handler in the transaction that appends
-- the hold (see PatientHolds), removed when the hold is booked, released or expires. A row whose expires_at has passed
-- counts for nothing even before its deadline removes it.
create table patient_hold (
    slot_id    uuid        primary key,
    hold_id    uuid        not null,
    patient_id uuid        not null,
    expires_at timestamptz not null
);
create index patient_hold_patient on patient_hold (patient_id, expires_at);
