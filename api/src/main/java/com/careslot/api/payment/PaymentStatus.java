package com.careslot.api.payment;

/** Where an appointment's payment stands, as the read models show it. */
public enum PaymentStatus {
    REQUESTED, PAID, FAILED, REFUNDED, PARTIALLY_REFUNDED;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
