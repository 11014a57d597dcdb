package com.careslot.query.appointment;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface AppointmentEntryRepository extends JpaRepository<AppointmentEntry, UUID> {
}
