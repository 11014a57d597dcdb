package com.careslot.command.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RefundPolicyTest {

    static final Instant START = Instant.parse("2030-03-15T09:00:00Z");

    final RefundPolicy policy = new RefundPolicy(settings(30));

    @Test
    void aPatientWhoCancelsBeforeTheRefundCutoffGetsEverythingBack() {
        assertThat(policy.onCancel("PATIENT", START.minus(Duration.ofDays(1)), START))
                .isEqualTo(new RefundPolicy.Refund(100, "cancelled-by-patient"));
    }

    @Test
    void aPatientWhoCancelsLaterGetsTheLatePercentage() {
        assertThat(policy.onCancel("PATIENT", START.minus(Duration.ofHours(23)), START))
                .isEqualTo(new RefundPolicy.Refund(30, "cancelled-by-patient"));
        assertThat(new RefundPolicy(settings(0)).onCancel("PATIENT", START.minus(Duration.ofHours(3)), START)
                .percent()).isZero();
    }

    @Test
    void theDoctorOrTheClinicAlwaysRefundsEverything() {
        Instant late = START.minus(Duration.ofMinutes(5));
        assertThat(policy.onCancel("DOCTOR", late, START))
                .isEqualTo(new RefundPolicy.Refund(100, "cancelled-by-doctor"));
        assertThat(policy.onCancel("ADMIN", late, START)).isEqualTo(new RefundPolicy.Refund(100, "cancelled-by-admin"));
        assertThat(policy.onCancel(null, late, START)).isEqualTo(new RefundPolicy.Refund(100, "cancelled-by-clinic"));
    }

    @Test
    void settingsRefuseAnUnknownCurrencyAndAPercentageOutOfRange() {
        assertThatThrownBy(() -> new PaymentSettings("sk", "pk", "wh", null, "xx1", Duration.ofMinutes(5),
                Duration.ofDays(1), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings(101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settingsNeverShowTheirKeys() {
        PaymentSettings settings = new PaymentSettings("sk_live_secret", "pk_live_public", "whsec_secret", null,
                "EUR", Duration.ofMinutes(5), Duration.ofDays(1), 0);

        assertThat(settings.toString()).doesNotContain("sk_live_secret", "whsec_secret").contains("live", "eur");
        assertThat(settings.configured()).isTrue();
        assertThat(new PaymentSettings(null, null, null, null, "eur", Duration.ofMinutes(5), Duration.ofDays(1), 0)
                .configured()).isFalse();
    }

    private static PaymentSettings settings(int latePercent) {
        return new PaymentSettings("sk_test_x", "pk_test_x", "whsec_x", null, "eur", Duration.ofMinutes(5),
                Duration.ofDays(1), latePercent);
    }
}
