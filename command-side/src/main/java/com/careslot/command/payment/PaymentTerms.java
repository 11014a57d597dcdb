package com.careslot.command.payment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.config.Configuration;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.careslot.command.doctor.Doctor;

/**
 * Who pays what: a doctor's slots are paid online when the clinic has Stripe keys, an admin has turned payments on
 * for that doctor ({@code command_side.payment_doctor}), and the doctor's profile has a fee above zero. The fee
 * is read from the doctor's own stream, so a changed fee applies to the next hold. Called inside units of work.
 */
@Component
class PaymentTerms {

    private final PaymentSettings settings;
    private final JdbcClient jdbc;
    private final Configuration axon;
    private final Clock clock;

    PaymentTerms(PaymentSettings settings, JdbcClient jdbc, Configuration axon, Clock clock) {
        this.settings = settings;
        this.jdbc = jdbc;
        this.axon = axon;
        this.clock = clock;
    }

    /** The fee in the currency's smallest unit, when this doctor is paid online. */
    Optional<Long> feeFor(UUID doctorId) {
        if (!settings.configured() || doctorId == null || !enabled(doctorId)) {
            return Optional.empty();
        }
        BigDecimal fee;
        try {
            fee = axon.repository(Doctor.class).load(doctorId.toString()).invoke(Doctor::fee);
        } catch (AggregateNotFoundException unknown) {
            return Optional.empty();
        }
        if (fee == null || fee.signum() <= 0) {
            return Optional.empty();
        }
        int digits = Currency.getInstance(settings.currency().toUpperCase(Locale.ROOT)).getDefaultFractionDigits();
        return Optional.of(fee.movePointRight(Math.max(digits, 0)).setScale(0, RoundingMode.HALF_UP)
                .longValueExact());
    }

    /** Whether a BookSlot for this slot must come with a payment. */
    boolean slotIsPaid(UUID slotId) {
        if (!settings.configured()) {
            return false;
        }
        return doctorOf(slotId).flatMap(this::feeFor).isPresent();
    }

    /** Whether an appointment may move from one slot to the other without paying again: same doctor, or free. */
    boolean paidAlike(UUID fromSlotId, UUID toSlotId) {
        if (!settings.configured()) {
            return true;
        }
        Optional<UUID> to = doctorOf(toSlotId);
        return to.isEmpty() || to.equals(doctorOf(fromSlotId)) || to.flatMap(this::feeFor).isEmpty();
    }

    private Optional<UUID> doctorOf(UUID slotId) {
        return jdbc.sql("select doctor_id from command_side.doctor_calendar where slot_id = ?")
                .param(slotId).query(UUID.class).optional();
    }

    boolean enabled(UUID doctorId) {
        return jdbc.sql("select enabled from command_side.payment_doctor where doctor_id = ?").param(doctorId)
                .query(Boolean.class).optional().orElse(false);
    }

    void enable(UUID doctorId, boolean enabled, UUID changedBy) {
        jdbc.sql("""
                        insert into command_side.payment_doctor (doctor_id, enabled, changed_by, changed_at)
                        values (?, ?, ?, ?)
                        on conflict (doctor_id) do update
                        set enabled = excluded.enabled, changed_by = excluded.changed_by,
                            changed_at = excluded.changed_at""")
                .params(doctorId, enabled, changedBy, Timestamp.from(clock.instant())).update();
    }

    List<UUID> enabledDoctors() {
        return jdbc.sql("select doctor_id from command_side.payment_doctor where enabled order by doctor_id")
                .query(UUID.class).list();
    }
}
