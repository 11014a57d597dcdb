package com.careslot.query.patient;

import java.time.Instant;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import com.careslot.api.patient.PatientEmailConfirmed;
import com.careslot.api.patient.PatientRegistered;
import com.careslot.api.patient.PersonalDataErased;

/**
 * Keeps one row per registered patient, so that appointment lists can show the patient's name (joined at read time)
 * and the dashboard can count patients. Email and phone stay out: no read needs them.
 */
@Component
@ProcessingGroup("patient-directory")
class PatientProjection {

    private final PatientEntryRepository patients;

    PatientProjection(PatientEntryRepository patients) {
        this.patients = patients;
    }

    @EventHandler
    void on(PatientRegistered event, @Timestamp Instant at) {
        patients.save(new PatientEntry(event.patientId(), event.fullName(), at));
    }

    @EventHandler
    void on(PatientEmailConfirmed event, @Timestamp Instant at) {
        patients.findById(event.patientId()).ifPresent(patient -> patient.emailConfirmed(at));
    }

    /** The name reads as erased; the row stays, so appointments still show an (erased) patient. */
    @EventHandler
    void on(PersonalDataErased event, @Timestamp Instant at) {
        patients.findById(event.patientId()).ifPresent(patient -> patient.erased(at));
    }

    @ResetHandler
    void reset() {
        patients.deleteAllInBatch();
    }
}
