create table slot (
    slot_id        uuid        primary key,
    doctor_id      uuid        not null,
    start_at       timestamptz not null,
    end_at         timestamptz not null,
    status         varchar(16) not null,
    appointment_id uuid,
    patient_id     uuid,
    updated_at     timestamptz not null
);

create index slot_doctor_start on slot (doctor_id, start_at, slot_id);
create index slot_status_start on slot (status, start_at, slot_id);
