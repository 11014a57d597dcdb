-- A doctor's next free slot (status = 'FREE', start after now, first by start then id) in one index probe per
-- doctor; also the availability list of one doctor by status.
create index slot_doctor_status_start on slot (doctor_id, status, start_at, slot_id);
