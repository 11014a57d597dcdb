package com.careslot.query.appointment;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.careslot.api.slot.AppointmentFulfilled;
import com.careslot.api.slot.BookingCancelled;
import com.careslot.api.slot.BookingMovedIn;
import com.careslot.api.slot.BookingMovedOut;
import com.careslot.api.slot.PatientCheckedIn;
import com.careslot.api.slot.PatientNoShow;
import com.careslot.api.slot.SlotBooked;

/**
 * The {@code appointment-view} processor handles an appointment's events in the order they were stored. They come
 * from every slot the appointment has booked: a reschedule moves it to another slot, another aggregate, and sequenced
 * per slot (Axon's default) {@code BookingMovedIn} on the new slot could run in another segment before
 * {@code SlotBooked} on the old one. Sequenced per appointment id, they cannot.
 */
@Configuration(proxyBeanMethods = false)
class AppointmentProcessing {

    static final String GROUP = "appointment-view";

    @Bean
    ConfigurerModule appointmentSequencing() {
        return configurer -> configurer.eventProcessing()
                .registerSequencingPolicy(GROUP, configuration -> new PerAppointment());
    }

    static final class PerAppointment implements SequencingPolicy<EventMessage<?>> {

        @Override
        public Object getSequenceIdentifierFor(EventMessage<?> event) {
            Object payload = event.getPayload();
            if (payload instanceof SlotBooked e) {
                return e.appointmentId();
            } else if (payload instanceof BookingCancelled e) {
                return e.appointmentId();
            } else if (payload instanceof BookingMovedOut e) {
                return e.appointmentId();
            } else if (payload instanceof BookingMovedIn e) {
                return e.appointmentId();
            } else if (payload instanceof PatientCheckedIn e) {
                return e.appointmentId();
            } else if (payload instanceof AppointmentFulfilled e) {
                return e.appointmentId();
            } else if (payload instanceof PatientNoShow e) {
                return e.appointmentId();
            }
            return SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
        }
    }
}
