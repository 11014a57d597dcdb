package com.careslot.command.patient;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.UUID;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import com.careslot.api.patient.ConfirmPatientEmail;
import com.careslot.api.patient.PatientEmailConfirmed;
import com.careslot.api.patient.PatientRegistered;
import com.careslot.api.patient.RegisterPatient;
import com.careslot.api.patient.ErasePersonalData;
import com.careslot.api.patient.PersonalDataErased;

/**
 * A patient's registration as facts: who signed up, and when they proved their email. Input rules are checked at
 * sign-up (the account's credentials sit beside it in a state-stored table).
 */
@Aggregate
public class Patient {

    @AggregateIdentifier
    private UUID patientId;
    private boolean emailConfirmed;
    private boolean erased;

    protected Patient() {
        // for event sourcing
    }

    @CommandHandler
    public Patient(RegisterPatient command) {
        apply(new PatientRegistered(command.patientId(), command.email(), command.fullName(), command.phone()));
    }

    @CommandHandler
    public void handle(ConfirmPatientEmail command) {
        if (!emailConfirmed) {
            apply(new PatientEmailConfirmed(patientId));
        }
    }

    /** Records the erasure once; the key is gone already (see account.Erasure). */
    @CommandHandler
    public void handle(ErasePersonalData command) {
        if (!erased) {
            apply(new PersonalDataErased(patientId, command.reason()));
        }
    }

    @EventSourcingHandler
    void on(PatientRegistered event) {
        patientId = event.patientId();
    }

    @EventSourcingHandler
    void on(PatientEmailConfirmed event) {
        emailConfirmed = true;
    }

    @EventSourcingHandler
    void on(PersonalDataErased event) {
        erased = true;
    }
}
