package com.careslot.notification.mail;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Mails that wait for the recipient directory ({@link RecipientNotYetKnown}) are due again the moment it learns the
 * person they wait for — their recipient, or the patient or doctor they name — and the sender is woken when that
 * commits, instead of at its next poll.
 */
@Component
public class WaitingMails {

    private final JdbcClient jdbc;
    private final MailWakeUp wakeUp;

    WaitingMails(JdbcClient jdbc, MailWakeUp wakeUp) {
        this.jdbc = jdbc;
        this.wakeUp = wakeUp;
    }

    /** The directory now knows {@code accountId}; called in the transaction that recorded them. */
    public void known(UUID accountId) {
        int due = jdbc.sql("""
                        update notification.mail_log set next_attempt_at = now()
                        where last_error_type = 'RecipientNotYetKnown' and status not in ('SENT', 'SKIPPED')
                          and (recipient_id = ? or details ->> 'patientId' = ? or details ->> 'doctorId' = ?)""")
                .params(accountId, accountId.toString(), accountId.toString())
                .update();
        if (due > 0) {
            wakeUp.afterCommit();
        }
    }
}
