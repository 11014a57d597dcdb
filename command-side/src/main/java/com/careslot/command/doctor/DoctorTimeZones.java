package com.careslot.command.doctor;

import java.util.Optional;
import java.util.UUID;

import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/** A doctor's time zone as the Doctor aggregate holds it, read by loading the aggregate (nothing is changed). */
@Component
public class DoctorTimeZones {

    private final Repository<Doctor> doctors;

    DoctorTimeZones(Repository<Doctor> doctors) {
        this.doctors = doctors;
    }

    /** The IANA zone of an active doctor; empty when there is no such doctor or the doctor is not active. */
    public Optional<String> ofActiveDoctor(UUID doctorId) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            return Optional.ofNullable(doctors.load(doctorId.toString()).invoke(Doctor::activeTimeZone));
        } catch (AggregateNotFoundException unknown) {
            return Optional.empty();
        } finally {
            unitOfWork.rollback();
        }
    }
}
