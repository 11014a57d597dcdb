-- availability-view: a doctor's recurring rules as the doctor's pages list them (AvailabilityDefined, -Extended,
-- -Ended).
create table availability_rule (
    rule_id        uuid         primary key,
    doctor_id      uuid         not null,
    rrule          varchar(500) not null,
    start_time     time         not null,
    end_time       time         not null,
    slot_minutes   integer      not null,
    gap_minutes    integer      not null,
    valid_from     date         not null,
    valid_until    date,
    zone           varchar(64)  not null,
    opened_through date,
    ended_at       timestamptz,
    defined_at     timestamptz  not null
);
create index availability_rule_doctor on availability_rule (doctor_id, defined_at);
