package com.careslot.query.doctor;

import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

import com.careslot.api.doctor.DoctorStatus;

interface DoctorEntryRepository extends JpaRepository<DoctorEntry, UUID> {

    Page<DoctorEntry> findByStatus(DoctorStatus status, Pageable pageable);
}
