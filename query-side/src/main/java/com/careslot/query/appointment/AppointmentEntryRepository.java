package com.careslot.query.appointment;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface AppointmentEntryRepository extends JpaRepository<AppointmentEntry, UUID> {

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("""
            update AppointmentEntry a set a.cancellationReason = :erased
            where a.patientId = :patientId and a.cancellationReason is not null""")
    int eraseReasonsOf(@Param("patientId") UUID patientId, @Param("erased") String erased);
}
