package com.careslot.notification.mail;

import java.util.List;
import java.util.UUID;

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
import com.careslot.notification.recipient.Recipient;
import com.careslot.notification.recipient.RecipientDirectory;

/**
 * Mails the patient and the doctor when an appointment is booked, moved (the {@code BookingMovedIn} half of a
 * reschedule, which names the new slot) or cancelled, and keeps the appointment's reminder due. Every handler is
 * {@link DisallowReplay}: resetting this processor sends nothing again. A mail SMTP refuses makes the handler throw, and
 * the event waits in the processor's dead-letter queue until {@link DeadLetters} tries it again; the mail log makes
 * sure a recipient who already got the mail does not get it twice.
 */
@Component
@ProcessingGroup(MailProcessing.GROUP)
class AppointmentMailProjection {

    private final Appointments appointments;
    private final Reminders reminders;
    private final RecipientDirectory directory;
    private final AppointmentMails mails;
    private final MailDelivery delivery;

    AppointmentMailProjection(Appointments appointments, Reminders reminders, RecipientDirectory directory,
                              AppointmentMails mails, MailDelivery delivery) {
        this.appointments = appointments;
        this.reminders = reminders;
        this.directory = directory;
        this.mails = mails;
        this.delivery = delivery;
    }

    @EventHandler
    @DisallowReplay
    void on(SlotBooked event, EventMessage<?> message) {
        AppointmentMailState appointment = appointments.booked(event.appointmentId(), event.slotId(),
                event.doctorId(), event.patientId(), event.start(), event.end(), message.getIdentifier());
        reminders.schedule(event.appointmentId(), event.start());
        Parties parties = parties(event.patientId(), event.doctorId());
        for (Recipient to : everyone(parties)) {
            delivery.deliver(message.getIdentifier(), to, MailType.BOOKED,
                    mails.booked(to, parties, appointment, message.getTimestamp()));
        }
    }

    @EventHandler
    @DisallowReplay
    void on(BookingMovedIn event, EventMessage<?> message) {
        AppointmentMailState appointment = appointments.moved(event.appointmentId(), event.slotId(),
                event.doctorId(), event.patientId(), event.start(), event.end(), message.getIdentifier());
        reminders.schedule(event.appointmentId(), event.start());
        Parties parties = parties(event.patientId(), event.doctorId());
        for (Recipient to : everyone(parties)) {
            delivery.deliver(message.getIdentifier(), to, MailType.RESCHEDULED,
                    mails.rescheduled(to, parties, appointment, message.getTimestamp()));
        }
    }

    @EventHandler
    @DisallowReplay
    void on(BookingCancelled event, EventMessage<?> message,
            @MetaDataValue(value = "actorRole", required = false) String actorRole) {
        AppointmentMailState appointment = appointments.cancelled(event.appointmentId(), event.slotId(),
                event.doctorId(), event.patientId(), event.start(), event.end(), message.getIdentifier());
        reminders.cancel(event.appointmentId());
        Parties parties = parties(event.patientId(), event.doctorId());
        MailType type = "DOCTOR".equals(actorRole) ? MailType.CANCELLED_BY_DOCTOR : MailType.CANCELLED;
        AppointmentMails.Cancellation cancellation = new AppointmentMails.Cancellation(actorRole, event.reason());
        for (Recipient to : everyone(parties)) {
            delivery.deliver(message.getIdentifier(), to, type,
                    mails.cancelled(to, parties, appointment, cancellation, message.getTimestamp()));
        }
    }

    /**
     * A reset clears nothing: these tables are not a read model to rebuild but the memory of what was sent, and the
     * replay that follows runs none of the handlers above.
     */
    @ResetHandler
    void onReset() {
        // nothing to forget
    }

    private static List<Recipient> everyone(Parties parties) {
        return List.of(parties.patient(), parties.doctor());
    }

    /** Both parties from the directory; one not there yet (its registration is still on its way) means: retry later. */
    Parties parties(UUID patientId, UUID doctorId) {
        return new Parties(recipient(patientId, "patient"), recipient(doctorId, "doctor"));
    }

    private Recipient recipient(UUID accountId, String role) {
        return directory.find(accountId).orElseThrow(() -> new MailNotSentException(
                "The " + role + " " + accountId + " is not in the recipient directory yet"));
    }
}
