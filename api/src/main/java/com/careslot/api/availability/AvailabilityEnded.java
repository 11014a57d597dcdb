package com.careslot.api.availability;

import java.time.Instant;
import java.util.UUID;

/** The rule opens no more slots; its free slots after {@code endedAt} are removed (each with its own SlotRemoved). */
public record AvailabilityEnded(UUID ruleId, UUID doctorId, Instant endedAt) {
}
