package com.careslot.api.availability;

import java.time.LocalDate;
import java.util.UUID;

/** The rule's slots are open up to and including the local date {@code through}, in the rule's zone. */
public record AvailabilityExtended(UUID ruleId, LocalDate through) {
}
