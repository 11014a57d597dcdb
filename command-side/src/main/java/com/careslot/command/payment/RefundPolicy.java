package com.careslot.command.payment;

import java.time.Instant;
import java.util.Locale;

import org.springframework.stereotype.Component;

/**
 * How much of a paid appointment goes back when it is cancelled: everything when the doctor or an admin cancels,
 * or when the patient cancels at least {@code careslot.payments.refund-cutoff} before the start; later,
 * {@code careslot.payments.late-refund-percent} (0 by default).
 */
@Component
class RefundPolicy {

    private final PaymentSettings settings;

    RefundPolicy(PaymentSettings settings) {
        this.settings = settings;
    }

    record Refund(int percent, String reason) {
    }

    Refund onCancel(String role, Instant cancelledAt, Instant start) {
        if (role == null) {
            return new Refund(100, "cancelled-by-clinic");
        }
        String by = role.toLowerCase(Locale.ROOT);
        if (!"patient".equals(by)) {
            return new Refund(100, "cancelled-by-" + by);
        }
        boolean early = !cancelledAt.isAfter(start.minus(settings.refundCutoff()));
        return new Refund(early ? 100 : settings.lateRefundPercent(), "cancelled-by-patient");
    }
}
