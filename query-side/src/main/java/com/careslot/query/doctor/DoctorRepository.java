package com.careslot.query.doctor;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface DoctorRepository extends JpaRepository<DoctorEntry, UUID> {
}
