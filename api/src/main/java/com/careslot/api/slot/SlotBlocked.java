package com.careslot.api.slot;

import java.time.Instant;
import java.util.UUID;

import com.careslot.api.privacy.DataSubject;
import com.careslot.api.privacy.PersonalData;

/** The slot cannot be booked until it is unblocked. {@code reason} may be null. */
public record SlotBlocked(UUID slotId, @DataSubject UUID doctorId, Instant start, Instant end,
                          @PersonalData String reason) {
}
