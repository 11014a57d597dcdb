package com.careslot.command.availability;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;
import java.util.UUID;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import com.careslot.api.availability.AvailabilityDefined;
import com.careslot.api.availability.AvailabilityEnded;
import com.careslot.api.availability.EndAvailability;
import com.careslot.api.availability.AvailabilityExtended;
import com.careslot.api.availability.DefineAvailability;
import com.careslot.api.availability.ExtendAvailability;

/**
 * A doctor's recurring availability, one event stream per rule: what the rule says, and how far ahead its slots have
 * been opened. The slots themselves are Slot aggregates; the rule only records the fact, so the daily extension
 * knows what to open next.
 */
@Aggregate
public class AvailabilityRule {

    @AggregateIdentifier
    private UUID ruleId;
    private UUID doctorId;
    private boolean ended;
    private LocalDate validFrom;
    private LocalDate validUntil;
    private LocalDate openedThrough;

    protected AvailabilityRule() {
        // for event sourcing
    }

    @CommandHandler
    public AvailabilityRule(DefineAvailability command) {
        require(command.ruleId() != null, "ruleId", "is required");
        require(command.doctorId() != null, "doctorId", "is required");
        Recurrence rule = Recurrence.of(command.rrule(), command.startTime(), command.endTime(),
                command.slotMinutes(), command.gapMinutes(), command.validFrom(), command.validUntil(),
                command.zone());
        apply(new AvailabilityDefined(command.ruleId(), command.doctorId(), rule.rrule(), rule.startTime(),
                rule.endTime(), rule.slotMinutes(), rule.gapMinutes(), rule.validFrom(), rule.validUntil(),
                rule.zone().getId()));
    }

    /** Idempotent: a date already reached records nothing, so a second node extending the same rule is harmless. */
    @CommandHandler
    public void handle(ExtendAvailability command) {
        require(command.through() != null, "through", "is required");
        require(!command.through().isBefore(validFrom), "through", "must not be before validFrom " + validFrom);
        require(validUntil == null || !command.through().isAfter(validUntil), "through",
                "must not be after validUntil " + validUntil);
        if (isOpenedThrough(command.through())) {
            return;
        }
        apply(new AvailabilityExtended(ruleId, command.through()));
    }

    /** Idempotent: ending an ended rule records nothing. */
    @CommandHandler
    public void handle(EndAvailability command) {
        require(command.endedAt() != null, "endedAt", "is required");
        if (ended) {
            return;
        }
        apply(new AvailabilityEnded(ruleId, doctorId, command.endedAt()));
    }

    @EventSourcingHandler
    void on(AvailabilityDefined event) {
        ruleId = event.ruleId();
        doctorId = event.doctorId();
        validFrom = event.validFrom();
        validUntil = event.validUntil();
    }

    @EventSourcingHandler
    void on(AvailabilityEnded event) {
        ended = true;
    }

    @EventSourcingHandler
    void on(AvailabilityExtended event) {
        openedThrough = event.through();
    }

    private boolean isOpenedThrough(LocalDate date) {
        return openedThrough != null && !date.isAfter(openedThrough);
    }

    private static void require(boolean rule, String field, String message) {
        if (!rule) {
            throw new InvalidAvailabilityException(field, message);
        }
    }
}
