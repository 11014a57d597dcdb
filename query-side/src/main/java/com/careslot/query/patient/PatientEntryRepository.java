package com.careslot.query.patient;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface PatientEntryRepository extends JpaRepository<PatientEntry, UUID> {
}
