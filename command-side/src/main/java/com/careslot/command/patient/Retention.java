package com.careslot.command.patient;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.careslot.command.account.Erasure;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

/**
 * Erases, by the same path as a requested erasure, every patient whose last activity (registration or the end of the
 * latest appointment, {@link PatientActivity}) is older than {@code careslot.privacy.retention} (ISO 8601, default
 * {@code P10Y}). Runs every {@code careslot.privacy.retention-check} (default {@code PT6H}) as a db-scheduler
 * recurring task, so exactly one command-side node runs each check, and at most 100 patients per run.
 */
@Configuration(proxyBeanMethods = false)
class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    private static final int BATCH = 100;

    @Bean
    RecurringTask<Void> privacyRetention(JdbcClient jdbc, Erasure erasure,
                                         @Value("${careslot.privacy.retention:P10Y}") String retention,
                                         @Value("${careslot.privacy.retention-check:PT6H}") Duration every) {
        String interval = validated(retention);
        return Tasks.recurring("privacy-retention", FixedDelay.of(every)).execute((instance, context) -> {
            List<UUID> due = jdbc.sql("""
                            select a.patient_id from command_side.patient_activity a
                            join command_side.account c on c.account_id = a.patient_id
                            where c.status <> 'ERASED' and a.last_activity_at < now() - cast(? as interval)
                            order by a.last_activity_at limit ?""")
                    .params(interval, BATCH).query(UUID.class).list();
            for (UUID patientId : due) {
                erasure.eraseForRetention(patientId);
            }
            if (!due.isEmpty()) {
                log.info("Retention ({}): erased {} patients inactive since before then", interval, due.size());
            }
        });
    }

    /** An ISO 8601 period (P10Y) or duration (PT1H), which PostgreSQL reads as an interval too. */
    private static String validated(String retention) {
        String value = retention.trim();
        try {
            Period.parse(value);
        } catch (DateTimeParseException notAPeriod) {
            try {
                Duration.parse(value);
            } catch (DateTimeParseException notADuration) {
                throw new IllegalArgumentException("careslot.privacy.retention must be an ISO 8601 period (P10Y) or "
                        + "duration (PT1H), not " + retention);
            }
        }
        return value;
    }
}
