package com.careslot.notification.mail;

import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.stereotype.Component;

import com.careslot.api.slot.BookingCancelled;
import com.careslot.api.slot.BookingMovedIn;
import com.careslot.api.slot.SlotBooked;

/**
 * Owes the patient and the doctor a mail when an appointment is booked, moved (the {@code BookingMovedIn} half of a
 * reschedule, which names the new slot) or cancelled, and keeps the appointment's reminder due. The handlers only
 * record the mails in the outbox ({@link MailLog#owe}), in the processor's transaction; {@link MailDelivery} sends
 * them after it committed. Every handler is {@link DisallowReplay}: resetting this processor owes nothing again, and a
 * redelivered event finds its mails recorded already.
 */
@Component
@ProcessingGroup(MailProcessing.GROUP)
class AppointmentMailProjection {

    private final Appointments appointments;
    private final Reminders reminders;
    private final MailLog outbox;

    AppointmentMailProjection(Appointments appointments, Reminders reminders, MailLog outbox) {
        this.appointments = appointments;
        this.reminders = reminders;
        this.outbox = outbox;
    }

    @EventHandler
    @DisallowReplay
    void on(SlotBooked event, EventMessage<?> message) {
        AppointmentMailState appointment = appointments.booked(event.appointmentId(), event.slotId(),
                event.doctorId(), event.patientId(), event.start(), event.end(), message.getIdentifier());
        reminders.schedule(event.appointmentId(), event.start());
        owe(message, MailType.BOOKED, appointment, MailDetails.of(appointment, message.getTimestamp()));
    }

    @EventHandler
    @DisallowReplay
    void on(BookingMovedIn event, EventMessage<?> message) {
        AppointmentMailState appointment = appointments.moved(event.appointmentId(), event.slotId(),
                event.doctorId(), event.patientId(), event.start(), event.end(), message.getIdentifier());
        reminders.schedule(event.appointmentId(), event.start());
        owe(message, MailType.RESCHEDULED, appointment, MailDetails.of(appointment, message.getTimestamp()));
    }

    @EventHandler
    @DisallowReplay
    void on(BookingCancelled event, EventMessage<?> message,
            @MetaDataValue(value = "actorRole", required = false) String actorRole) {
        AppointmentMailState appointment = appointments.cancelled(event.appointmentId(), event.slotId(),
                event.doctorId(), event.patientId(), event.start(), event.end(), message.getIdentifier());
        reminders.cancel(event.appointmentId());
        MailType type = "DOCTOR".equals(actorRole) ? MailType.CANCELLED_BY_DOCTOR : MailType.CANCELLED;
        owe(message, type, appointment, MailDetails.cancelled(appointment,
                new AppointmentMails.Cancellation(actorRole, event.reason()), message.getTimestamp()));
    }

    /**
     * A reset clears nothing: these tables are not a read model to rebuild but the memory of what was sent, and the
     * replay that follows runs none of the handlers above.
     */
    @ResetHandler
    void onReset() {
        // nothing to forget
    }

    private void owe(EventMessage<?> message, MailType type, AppointmentMailState appointment, MailDetails details) {
        String sequence = appointment.appointmentId().toString();
        outbox.owe(List.of(
                new MailLog.Owed(message.getIdentifier(), appointment.patientId(), type, sequence, details),
                new MailLog.Owed(message.getIdentifier(), appointment.doctorId(), type, sequence, details)));
    }
}
