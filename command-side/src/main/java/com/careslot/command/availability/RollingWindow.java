package com.careslot.command.availability;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.careslot.api.account.Actor;
import com.careslot.api.account.Role;
import com.careslot.api.availability.DefineAvailability;
import com.careslot.api.availability.EndAvailability;
import com.careslot.api.availability.ExtendAvailability;
import com.careslot.api.slot.RemoveSlot;
import com.careslot.command.account.Accounts;
import com.careslot.platform.security.Caller;
import com.careslot.platform.security.CallerMetadata;
import com.careslot.platform.security.CorrelationFilter;
import com.careslot.platform.web.NotFoundException;

/**
 * Availability rules open their slots over a rolling window: from today (or the rule's first date) up to
 * {@code careslot.availability.window-weeks} ahead (default 8), and every night the window moves on. Dates are
 * local to the rule's zone. Slots already in the past are left out; slots that collide with one the doctor already
 * has are skipped and counted.
 * <p>
 * The nightly extension is safe on several nodes at once without a lock: a slot two nodes both open is decided by the
 * doctor calendar's exclusion constraint (the second is skipped), and the rule's {@code ExtendAvailability} is
 * idempotent.
 */
@Component
public class RollingWindow {

    static final int MOST_SLOTS_PER_REQUEST = 2000;
    /** Who causes the nightly extension's events: no account, the scheduler. */
    static final MetaData SCHEDULER = MetaData.with(CallerMetadata.ACTOR_ID, "availability-extension")
            .and(CallerMetadata.ACTOR_ROLE, "SYSTEM");
    private static final Logger log = LoggerFactory.getLogger(RollingWindow.class);

    private final CommandGateway commandGateway;
    private final AvailabilityRules rules;
    private final SlotOpener opener;
    private final Accounts accounts;
    private final Clock clock;
    private final JdbcClient jdbc;
    private final int windowWeeks;

    RollingWindow(CommandGateway commandGateway, AvailabilityRules rules, SlotOpener opener, Accounts accounts,
                  Clock clock, JdbcClient jdbc, @Value("${careslot.availability.window-weeks:8}") int windowWeeks) {
        if (windowWeeks < 1) {
            throw new IllegalArgumentException("careslot.availability.window-weeks must be at least 1");
        }
        this.commandGateway = commandGateway;
        this.rules = rules;
        this.opener = opener;
        this.accounts = accounts;
        this.clock = clock;
        this.jdbc = jdbc;
        this.windowWeeks = windowWeeks;
    }

    record Defined(UUID ruleId, int slotsOpened, int slotsSkipped) {
    }

    public record Extended(int rules, int slotsOpened, int slotsSkipped) {
    }

    /** The caller's identity and correlation id, for commands sent from threads that know no request. */
    static MetaData actedBy(Caller caller) {
        String correlationId = CorrelationFilter.current();
        return MetaData.with(CallerMetadata.ACTOR_ID, caller.accountId().toString())
                .and(CallerMetadata.ACTOR_ROLE, caller.role().name())
                .and(CallerMetadata.CORRELATION_ID, correlationId != null ? correlationId : UUID.randomUUID().toString());
    }

    /** Records the rule and opens its slots in the first window; refused whole when that is too many slots. */
    Defined define(UUID doctorId, String zone, AvailabilityTerms terms, MetaData metadata) {
        Recurrence rule = terms.in(zone);
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, rule.zone());
        if (rule.validUntil() != null && rule.validUntil().isBefore(today)) {
            throw new InvalidAvailabilityException("validUntil", "must not be in the past");
        }
        LocalDate through = horizon(rule, today);
        List<Interval> slots = upcoming(rule.slots(today, through), now);
        if (slots.size() > MOST_SLOTS_PER_REQUEST) {
            throw new TooManySlotsException(slots.size(), MOST_SLOTS_PER_REQUEST);
        }
        UUID ruleId = UUID.randomUUID();
        send(new DefineAvailability(ruleId, doctorId, rule.rrule(), rule.startTime(), rule.endTime(),
                rule.slotMinutes(), rule.gapMinutes(), rule.validFrom(), rule.validUntil(), rule.zone().getId()),
                metadata);
        SlotOpener.Result opened = opener.open(doctorId, slots, now, metadata);
        if (!through.isBefore(rule.validFrom())) {
            send(new ExtendAvailability(ruleId, through), metadata);
        }
        return new Defined(ruleId, opened.opened(), opened.skipped());
    }

    @Scheduled(cron = "${careslot.availability.extend-cron:0 0 2 * * *}")
    void extendDaily() {
        Extended extended = extendAll();
        log.info("Availability extended: {} rules, {} slots opened, {} skipped", extended.rules(),
                extended.slotsOpened(), extended.slotsSkipped());
    }

    /** Moves every unfinished rule's window up to today plus the window length; a failing rule spoils no other. */
    public Extended extendAll() {
        Instant now = clock.instant();
        MetaData metadata = SCHEDULER.and(CallerMetadata.CORRELATION_ID, UUID.randomUUID().toString());
        int extended = 0;
        SlotOpener.Result total = SlotOpener.Result.NONE;
        for (AvailabilityRules.Stored rule : rules.unfinished()) {
            try {
                SlotOpener.Result opened = extend(rule, now, metadata);
                if (opened != null) {
                    extended++;
                    total = total.plus(opened);
                }
            } catch (RuntimeException failure) {
                log.warn("Could not extend availability rule {}", rule.rule().ruleId(), failure);
            }
        }
        return new Extended(extended, total.opened(), total.skipped());
    }

    /** What opening the rule's next dates opened, or null when it had nothing to open. */
    private SlotOpener.Result extend(AvailabilityRules.Stored stored, Instant now, MetaData metadata) {
        UUID doctorId = stored.rule().doctorId();
        if (!accounts.isActive(doctorId, Role.DOCTOR)) {
            return null;
        }
        Recurrence rule = stored.recurrence();
        LocalDate today = LocalDate.ofInstant(now, rule.zone());
        LocalDate through = horizon(rule, today);
        LocalDate from = stored.openedThrough() == null || stored.openedThrough().isBefore(today) ? today
                : stored.openedThrough().plusDays(1);
        if (from.isAfter(through) || through.isBefore(rule.validFrom())) {
            return null;
        }
        SlotOpener.Result opened = opener.open(doctorId, upcoming(rule.slots(from, through), now), now, metadata);
        send(new ExtendAvailability(stored.rule().ruleId(), through), metadata);
        return opened;
    }

    /** The last date the window reaches: {@code windowWeeks} weeks of dates from today on, within the rule. */
    private LocalDate horizon(Recurrence rule, LocalDate today) {
        LocalDate last = today.plusWeeks(windowWeeks).minusDays(1);
        return rule.validUntil() != null && rule.validUntil().isBefore(last) ? rule.validUntil() : last;
    }

    record Ended(int slotsRemoved, int slotsKept) {
    }

    /**
     * Ends the doctor's rule: it opens no more slots, and its free (or blocked) slots still ahead are removed; booked
     * ones stay, the patient keeps them. 404 for a rule that is not the doctor's.
     */
    Ended end(UUID doctorId, UUID ruleId, Actor actor, MetaData metadata) {
        AvailabilityRules.Stored stored = rules.find(ruleId).filter(rule -> rule.rule().doctorId().equals(doctorId))
                .orElseThrow(() -> new NotFoundException("No availability rule " + ruleId + " of this doctor exists."));
        Instant now = clock.instant();
        send(new EndAvailability(ruleId, now), metadata);
        if (stored.openedThrough() == null) {
            return new Ended(0, 0);
        }
        Recurrence rule = stored.recurrence();
        Set<Interval> ahead = Set.copyOf(upcoming(rule.slots(LocalDate.ofInstant(now, rule.zone()),
                stored.openedThrough()), now));
        List<UUID> slotIds = jdbc.sql("""
                        select slot_id, lower(period) as start_at, upper(period) as end_at
                        from command_side.doctor_calendar where doctor_id = ? and lower(period) > ?""")
                .params(doctorId, Timestamp.from(now))
                .query((row, n) -> ahead.contains(new Interval(row.getTimestamp("start_at").toInstant(),
                        row.getTimestamp("end_at").toInstant())) ? row.getObject("slot_id", UUID.class) : null)
                .list().stream().filter(Objects::nonNull).toList();
        int removed = 0;
        for (UUID slotId : slotIds) {
            try {
                send(new RemoveSlot(slotId, actor), metadata);
                removed++;
            } catch (CommandExecutionException booked) {
                // booked or held: the patient keeps it
            }
        }
        return new Ended(removed, slotIds.size() - removed);
    }

    private static List<Interval> upcoming(List<Interval> slots, Instant now) {
        return slots.stream().filter(slot -> slot.start().isAfter(now)).toList();
    }

    private void send(Object command, MetaData metadata) {
        commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metadata));
    }
}
