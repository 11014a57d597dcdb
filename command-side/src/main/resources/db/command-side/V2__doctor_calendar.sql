-- Invariant 2, first half: a doctor's open slots never overlap. One row per open slot, written by the subscribing
-- handler of SlotOpened in the transaction that appends the event; the exclusion constraint decides every race.
-- Periods are half-open '[)', so [09:00, 09:30) and [09:30, 10:00) sit side by side.
create extension if not exists btree_gist;

create table doctor_calendar (
    slot_id   uuid      primary key,
    doctor_id uuid      not null,
    period    tstzrange not null,
    constraint doctor_calendar_no_overlap exclude using gist (doctor_id with =, period with &&)
);
