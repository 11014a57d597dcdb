-- When each patient was last active: registration, or the end of their latest appointment (booked or moved in), kept
-- by the patient-activity processor (PatientActivity). The retention job (careslot.privacy.retention) erases patients
-- whose last activity is older than the retention period (docs/PRIVACY.md).
create table patient_activity (
    patient_id       uuid        primary key,
    last_activity_at timestamptz not null
);
create index patient_activity_last on patient_activity (last_activity_at);
