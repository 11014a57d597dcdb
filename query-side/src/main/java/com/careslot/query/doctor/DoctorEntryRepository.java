package com.careslot.query.doctor;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface DoctorEntryRepository extends JpaRepository<DoctorEntry, UUID> {
}
