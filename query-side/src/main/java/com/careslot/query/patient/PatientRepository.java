package com.careslot.query.patient;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface PatientRepository extends JpaRepository<PatientEntry, UUID> {
}
