-- The appointment's FHIR status while a slot is booked (booked, checked-in, fulfilled, noshow).
alter table slot add column appointment_status varchar(16);
update slot set appointment_status = 'booked' where status = 'BOOKED';
