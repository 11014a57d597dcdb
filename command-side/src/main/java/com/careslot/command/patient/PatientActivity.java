package com.careslot.command.patient;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.careslot.api.patient.PatientRegistered;
import com.careslot.api.slot.BookingMovedIn;
import com.careslot.api.slot.SlotBooked;

/**
 * When each patient was last active ({@code command_side.patient_activity}): registration, or the end of their latest
 * appointment, whichever is later. The retention job reads it. A pooled streaming processor that starts at the
 * beginning of the store, so a node that gets it for the first time learns the whole history.
 */
@Component
@ProcessingGroup(PatientActivity.PROCESSING_GROUP)
class PatientActivity {

    static final String PROCESSING_GROUP = "patient-activity";

    private final JdbcClient jdbc;

    PatientActivity(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PatientRegistered event, @org.axonframework.eventhandling.Timestamp Instant at) {
        activeAt(event.patientId(), at);
    }

    @EventHandler
    void on(SlotBooked event) {
        activeAt(event.patientId(), event.end());
    }

    @EventHandler
    void on(BookingMovedIn event) {
        activeAt(event.patientId(), event.end());
    }

    @ResetHandler
    void reset() {
        jdbc.sql("delete from command_side.patient_activity").update();
    }

    /**
     * One patient's events in one segment, in order: sequenced by aggregate (Axon's default) a patient's bookings of
     * different slots land in different segments, whose batches then upsert the same rows in different orders and
     * deadlock in PostgreSQL (seen in DatabaseOutageUnderLoadIT, where the retried batches kept the processor failing).
     */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class Sequencing {

        @org.springframework.context.annotation.Bean
        org.axonframework.config.ConfigurerModule patientActivitySequencing() {
            return configurer -> configurer.eventProcessing().registerSequencingPolicy(PROCESSING_GROUP,
                    configuration -> event -> patientOf(event.getPayload(), event.getIdentifier()));
        }

        static Object patientOf(Object payload, String otherwise) {
            if (payload instanceof PatientRegistered registered) {
                return registered.patientId();
            }
            if (payload instanceof SlotBooked booked) {
                return booked.patientId();
            }
            if (payload instanceof BookingMovedIn moved) {
                return moved.patientId();
            }
            return otherwise;
        }
    }

    private void activeAt(UUID patientId, Instant at) {
        jdbc.sql("""
                        insert into command_side.patient_activity (patient_id, last_activity_at) values (?, ?)
                        on conflict (patient_id) do update
                        set last_activity_at = greatest(patient_activity.last_activity_at, excluded.last_activity_at)""")
                .params(patientId, java.sql.Timestamp.from(at)).update();
    }
}
