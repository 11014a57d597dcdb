package com.careslot.notification.patient;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.careslot.notification.audit.AuditEntry;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What a patient's events make of their appointments and payments in the export, event by event. */
class PatientHistoryTest {

    static final Instant T0 = Instant.parse("2030-03-01T10:00:00Z");
    static final String NINE = "2030-03-15T09:00:00Z";
    static final String NINE_THIRTY = "2030-03-15T09:30:00Z";
    static final String TEN = "2030-03-16T10:00:00Z";
    static final String TEN_THIRTY = "2030-03-16T10:30:00Z";

    final UUID patient = UUID.randomUUID();
    final UUID doctor = UUID.randomUUID();
    final UUID appointment = UUID.randomUUID();
    final UUID firstSlot = UUID.randomUUID();
    final UUID secondSlot = UUID.randomUUID();
    final PatientHistory history = new PatientHistory(new ObjectMapper());
    long index;

    @Test
    void aRescheduledAppointmentKeepsItsIdAndTakesTheNewSlotsTime() {
        add("SlotBooked", "PATIENT", slotEvent(firstSlot, NINE, NINE_THIRTY, ""));
        add("BookingMovedOut", "PATIENT", slotEvent(firstSlot, NINE, NINE_THIRTY, ",\"toSlotId\":\"" + secondSlot + "\""));
        add("BookingMovedIn", "PATIENT", slotEvent(secondSlot, TEN, TEN_THIRTY, ",\"fromSlotId\":\"" + firstSlot + "\""));

        assertThat(history.appointments()).singleElement().satisfies(a -> {
            assertThat(a.appointmentId()).isEqualTo(appointment);
            assertThat(a.slotId()).isEqualTo(secondSlot);
            assertThat(a.start()).isEqualTo(Instant.parse(TEN));
            assertThat(a.end()).isEqualTo(Instant.parse(TEN_THIRTY));
            assertThat(a.status()).isEqualTo("booked");
            assertThat(a.bookedAt()).isEqualTo(T0.plusSeconds(1));
            assertThat(a.rescheduledAt()).isEqualTo(T0.plusSeconds(3));
        });
    }

    @Test
    void aCancelledAppointmentSaysWhoCancelledAndWhy() {
        add("SlotBooked", "PATIENT", slotEvent(firstSlot, NINE, NINE_THIRTY, ""));
        add("BookingCancelled", "DOCTOR", slotEvent(firstSlot, NINE, NINE_THIRTY, ",\"reason\":\"Ill\""));

        assertThat(history.appointments()).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo("cancelled");
            assertThat(a.cancelledBy()).isEqualTo("DOCTOR");
            assertThat(a.cancellationReason()).isEqualTo("Ill");
            assertThat(a.cancelledAt()).isEqualTo(T0.plusSeconds(2));
        });
    }

    @Test
    void attendanceTakesTheFhirStatuses() {
        add("SlotBooked", "PATIENT", slotEvent(firstSlot, NINE, NINE_THIRTY, ""));
        add("PatientCheckedIn", "DOCTOR", slotEvent(firstSlot, NINE, NINE_THIRTY, ""));
        assertThat(history.appointments().get(0).status()).isEqualTo("checked-in");
        add("AppointmentFulfilled", "DOCTOR", slotEvent(firstSlot, NINE, NINE_THIRTY, ""));
        assertThat(history.appointments().get(0).status()).isEqualTo("fulfilled");
    }

    @Test
    void anAppointmentWhoseBookingIsNotInTheTrailIsNotInventedFromItsLaterEvents() {
        add("PatientNoShow", "DOCTOR", slotEvent(firstSlot, NINE, NINE_THIRTY, ""));

        assertThat(history.appointments()).isEmpty();
    }

    @Test
    void aPaidThenRefundedPaymentKeepsWhatWasPaidAndWhatWentBack() {
        String payment = "\"appointmentId\":\"" + appointment + "\",\"slotId\":\"" + firstSlot + "\",\"doctorId\":\""
                + doctor + "\",\"patientId\":\"" + patient + "\",\"paymentIntentId\":\"pi_1\",\"currency\":\"eur\"";
        add("PaymentRequested", "PATIENT", "{" + payment + ",\"amount\":8000}");
        add("PaymentSucceeded", "SYSTEM", "{" + payment + ",\"amount\":8000,\"booked\":true}");
        add("SlotBooked", "PATIENT", slotEvent(firstSlot, NINE, NINE_THIRTY, ""));
        add("PaymentRefunded", "SYSTEM", "{" + payment + ",\"amount\":4000,\"refundId\":\"re_1\"}");

        assertThat(history.payments()).singleElement().satisfies(p -> {
            assertThat(p.status()).isEqualTo("refunded");
            assertThat(p.amount()).isEqualTo(8000);
            assertThat(p.refunded()).isEqualTo(4000);
            assertThat(p.paidAt()).isEqualTo(T0.plusSeconds(2));
        });
        assertThat(history.appointments()).singleElement().extracting(PatientRecord.Appointment::status)
                .isEqualTo("booked");
    }

    @Test
    void theAccountTakesThePhoneAndTheConfirmationFromTheRegistrationEvents() {
        add("PatientRegistered", "PATIENT", "{\"patientId\":\"" + patient + "\",\"email\":\"p@example.org\","
                + "\"fullName\":\"Pat\",\"phone\":\"+1 555 0100\"}");
        assertThat(history.emailConfirmed()).isFalse();
        add("PatientEmailConfirmed", "PATIENT", "{\"patientId\":\"" + patient + "\"}");

        assertThat(history.phone()).isEqualTo("+1 555 0100");
        assertThat(history.registeredAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(history.emailConfirmed()).isTrue();
    }

    private String slotEvent(UUID slot, String start, String end, String more) {
        return "{\"slotId\":\"" + slot + "\",\"doctorId\":\"" + doctor + "\",\"appointmentId\":\"" + appointment
                + "\",\"patientId\":\"" + patient + "\",\"start\":\"" + start + "\",\"end\":\"" + end + "\"" + more + "}";
    }

    private void add(String type, String role, String payload) {
        index++;
        history.add(new AuditEntry(index, UUID.randomUUID().toString(), 0L, type, T0.plusSeconds(index),
                new AuditEntry.Actor(UUID.randomUUID().toString(), role), "correlation", payload));
    }
}
