package com.careslot.query.payment;

import java.time.Instant;
import java.time.ZoneOffset;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.careslot.api.payment.PaymentFailed;
import com.careslot.api.payment.PaymentRefunded;
import com.careslot.api.payment.PaymentRequested;
import com.careslot.api.payment.PaymentStatus;
import com.careslot.api.payment.PaymentSucceeded;

/**
 * {@code query_side.appointment_payment}: where each online payment stands, joined into the appointment views and
 * summed on the admin dashboard. A payment's events share one stream (the appointment's), so they arrive in order;
 * each handler sets values from its event alone, so handling one twice leaves the row as it was.
 */
@Component
@ProcessingGroup("payment-view")
class PaymentProjection {

    private final JdbcClient jdbc;

    PaymentProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PaymentRequested event, @Timestamp Instant at) {
        jdbc.sql("""
                        insert into query_side.appointment_payment (appointment_id, doctor_id, patient_id,
                            payment_intent_id, amount, currency, status, requested_at, updated_at)
                        values (:id, :doctor, :patient, :intent, :amount, :currency, :status, :at, :at)
                        on conflict (appointment_id) do nothing""")
                .param("id", event.appointmentId()).param("doctor", event.doctorId())
                .param("patient", event.patientId()).param("intent", event.paymentIntentId())
                .param("amount", event.amount()).param("currency", event.currency())
                .param("status", PaymentStatus.REQUESTED.code()).param("at", at.atOffset(ZoneOffset.UTC))
                .update();
    }

    @EventHandler
    void on(PaymentSucceeded event, @Timestamp Instant at) {
        jdbc.sql("""
                        update query_side.appointment_payment
                        set status = :status, amount = :amount, paid_at = :at, updated_at = :at
                        where appointment_id = :id""")
                .param("status", PaymentStatus.PAID.code()).param("amount", event.amount())
                .param("at", at.atOffset(ZoneOffset.UTC))
                .param("id", event.appointmentId()).update();
    }

    @EventHandler
    void on(PaymentFailed event, @Timestamp Instant at) {
        jdbc.sql("""
                        update query_side.appointment_payment set status = :status, updated_at = :at
                        where appointment_id = :id""")
                .param("status", PaymentStatus.FAILED.code()).param("at", at.atOffset(ZoneOffset.UTC))
                .param("id", event.appointmentId()).update();
    }

    @EventHandler
    void on(PaymentRefunded event, @Timestamp Instant at) {
        jdbc.sql("""
                        update query_side.appointment_payment
                        set refunded = :refunded, refunded_at = :at, updated_at = :at,
                            status = case when :refunded < amount then :partially else :refundedStatus end
                        where appointment_id = :id""")
                .param("refunded", event.amount()).param("at", at.atOffset(ZoneOffset.UTC))
                .param("partially", PaymentStatus.PARTIALLY_REFUNDED.code())
                .param("refundedStatus", PaymentStatus.REFUNDED.code())
                .param("id", event.appointmentId()).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("delete from query_side.appointment_payment").update();
    }
}
