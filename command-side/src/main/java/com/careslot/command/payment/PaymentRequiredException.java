package com.careslot.command.payment;

import java.util.UUID;

import com.careslot.api.CommandRejection;
import com.careslot.command.Rejection;

/** The slot's doctor charges a fee online: it is booked by holding it and paying, not by booking it outright. */
public class PaymentRequiredException extends Rejection {

    PaymentRequiredException(UUID slotId) {
        super("payment-required", CommandRejection.Kind.REFUSED, null,
                "Slot " + slotId + " is booked by paying its fee: hold it, pay, and the payment books it.");
    }
}
