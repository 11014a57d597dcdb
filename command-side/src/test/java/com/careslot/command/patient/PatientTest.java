package com.careslot.command.patient;

import java.util.UUID;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.careslot.api.patient.ErasePersonalData;
import com.careslot.api.patient.PatientRegistered;
import com.careslot.api.patient.PersonalDataErased;

class PatientTest {

    private static final UUID PATIENT = UUID.fromString("00000000-0000-0000-0000-0000000000aa");

    private AggregateTestFixture<Patient> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Patient.class);
    }

    @Test
    void anErasureIsRecorded() {
        fixture.given(new PatientRegistered(PATIENT, "p@example.test", "Pat Ient", null))
                .when(new ErasePersonalData(PATIENT, "request"))
                .expectEvents(new PersonalDataErased(PATIENT, "request"));
    }

    @Test
    void anErasedPatientIsErasedOnlyOnce() {
        fixture.given(new PatientRegistered(PATIENT, "[erased]", "[erased]", "[erased]"),
                        new PersonalDataErased(PATIENT, "request"))
                .when(new ErasePersonalData(PATIENT, "retention"))
                .expectNoEvents();
    }
}
