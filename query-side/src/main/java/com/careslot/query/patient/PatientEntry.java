package com.careslot.query.patient;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import com.careslot.api.privacy.PersonalData;

/** One row per registered patient of the {@code patient-directory} projection: the name others read, no contact data. */
@Entity
@Table(schema = "query_side", name = "patient")
class PatientEntry {

    @Id
    private UUID patientId;
    private String fullName;
    private boolean emailConfirmed;
    private Instant registeredAt;
    private Instant updatedAt;

    protected PatientEntry() {
    }

    PatientEntry(UUID patientId, String fullName, Instant at) {
        this.patientId = patientId;
        this.fullName = fullName;
        this.registeredAt = at;
        this.updatedAt = at;
    }

    void erased(Instant at) {
        this.fullName = PersonalData.ERASED;
        this.updatedAt = at;
    }

    void emailConfirmed(Instant at) {
        this.emailConfirmed = true;
        this.updatedAt = at;
    }
}
