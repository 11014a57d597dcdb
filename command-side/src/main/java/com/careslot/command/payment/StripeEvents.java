package com.careslot.command.payment;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Stripe's webhook events seen so far, by Stripe's event id ({@code command_side.stripe_event}, primary key). The
 * row is written in the transaction of the command the event causes: a redelivery, a replay, or the same event
 * handled at once on a second node waits for the first transaction and then finds the row, so it changes nothing;
 * if the first one rolls back, its row goes with it and the redelivery does the work.
 */
@Component
class StripeEvents {

    private final JdbcClient jdbc;

    StripeEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** True the first time this event id is seen (always true without one: not from a webhook). */
    boolean firstDelivery(String eventId, String type) {
        if (eventId == null) {
            return true;
        }
        return jdbc.sql("""
                        insert into command_side.stripe_event (event_id, type) values (?, ?)
                        on conflict (event_id) do nothing""")
                .params(eventId, type).update() == 1;
    }
}
