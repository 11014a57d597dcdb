package com.careslot.command.payment;

import java.time.Duration;
import java.util.Currency;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The clinic's Stripe account and payment rules ({@code careslot.payments.*}; the keys come from
 * {@code CARESLOT_STRIPE_SECRET_KEY}, {@code CARESLOT_STRIPE_PUBLISHABLE_KEY} and
 * {@code CARESLOT_STRIPE_WEBHOOK_SECRET},
 * see {@code careslot-payments.properties}). Without all three keys payments are off and every booking is free, as
 * before. The keys never leave this record: {@link #toString()} leaves them out.
 *
 * @param apiBase Stripe's API address; only tests point it elsewhere (at WireMock)
 * @param refundCutoff a patient who cancels at least this long before the start gets everything back
 * @param lateRefundPercent what a patient who cancels later gets back (0: nothing)
 */
@ConfigurationProperties("careslot.payments")
public record PaymentSettings(String stripeSecretKey, String stripePublishableKey, String stripeWebhookSecret,
                              String apiBase, @DefaultValue("eur") String currency,
                              @DefaultValue("PT5M") Duration webhookTolerance,
                              @DefaultValue("P1D") Duration refundCutoff,
                              @DefaultValue("0") int lateRefundPercent) {

    public PaymentSettings {
        currency = currency.strip().toLowerCase(Locale.ROOT);
        Currency.getInstance(currency.toUpperCase(Locale.ROOT)); // an unknown code fails the start
        if (lateRefundPercent < 0 || lateRefundPercent > 100) {
            throw new IllegalArgumentException("careslot.payments.late-refund-percent must be 0..100, not "
                    + lateRefundPercent);
        }
    }

    public boolean configured() {
        return present(stripeSecretKey) && present(stripePublishableKey) && present(stripeWebhookSecret);
    }

    /** {@code test} for Stripe's test-mode keys ({@code sk_test_…}), {@code live} for live ones. */
    public String mode() {
        if (!present(stripeSecretKey)) {
            return "off";
        }
        return stripeSecretKey.startsWith("sk_live_") || stripeSecretKey.startsWith("rk_live_") ? "live" : "test";
    }

    @Override
    public String toString() {
        return "PaymentSettings[configured=" + configured() + ", mode=" + mode() + ", currency=" + currency
                + ", refundCutoff=" + refundCutoff + ", lateRefundPercent=" + lateRefundPercent + "]";
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
