-- Availability rules, as AvailabilityDefined and AvailabilityExtended record them, written in the append's
-- transaction: the daily extension reads which rules to extend, and from which date on, here.
create table availability_rule (
    rule_id        uuid        primary key,
    doctor_id      uuid        not null,
    rrule          varchar(500) not null,
    start_time     time        not null,
    end_time       time        not null,
    slot_minutes   integer     not null,
    gap_minutes    integer     not null,
    valid_from     date        not null,
    valid_until    date,
    zone           varchar(64) not null,
    opened_through date                     -- null until the first slots are opened
);
create index availability_rule_doctor on availability_rule (doctor_id);
