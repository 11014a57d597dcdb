-- An ended rule opens no more slots (AvailabilityEnded); the nightly extension skips it.
alter table availability_rule add column ended_at timestamptz;
