package com.careslot.command.slot;

import com.careslot.api.CommandRejection;
import com.careslot.command.Rejection;

/** A patient books only after proving their email address. */
public class AccountNotVerifiedException extends Rejection {

    public AccountNotVerifiedException() {
        super("account-not-verified", CommandRejection.Kind.FORBIDDEN, null,
                "Verify your email address with the code we sent before booking.");
    }
}
