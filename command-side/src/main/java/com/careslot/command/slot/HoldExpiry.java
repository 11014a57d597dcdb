package com.careslot.command.slot;

import java.util.UUID;

/**
 * The deadline a hold sets for itself. It is stored (Jackson, in {@code command_side.scheduled_tasks}) until it is
 * due: renaming this record or its field strands the deadlines pending at the time.
 */
public record HoldExpiry(UUID holdId) {

    static final String DEADLINE = "hold-expiry";
}
