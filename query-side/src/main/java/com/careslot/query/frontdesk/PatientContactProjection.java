package com.careslot.query.frontdesk;

import java.time.Instant;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.careslot.api.patient.PatientEmailConfirmed;
import com.careslot.api.patient.PatientRegistered;
import com.careslot.api.patient.PersonalDataErased;
import com.careslot.api.privacy.PersonalData;

/**
 * One row per patient with the contact data the front desk searches by. A processing group of its own, so that a
 * system that ran before it existed builds it from the first event on its first start.
 */
@Component
@ProcessingGroup(PatientContactProjection.GROUP)
class PatientContactProjection {

    static final String GROUP = "patient-contacts";

    private final JdbcClient jdbc;

    PatientContactProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PatientRegistered event, @Timestamp Instant at) {
        jdbc.sql("""
                        insert into query_side.patient_contact
                            (patient_id, full_name, email, phone, phone_digits, email_confirmed, updated_at)
                        values (:id, :name, :email, :phone, :digits, false, :at)
                        on conflict (patient_id) do update set full_name = excluded.full_name, email = excluded.email,
                            phone = excluded.phone, phone_digits = excluded.phone_digits, updated_at = excluded.updated_at""")
                .param("id", event.patientId()).param("name", event.fullName()).param("email", event.email())
                .param("phone", event.phone()).param("digits", digits(event.phone()))
                .param("at", java.sql.Timestamp.from(at)).update();
    }

    /** Name, email and phone read as erased; nothing the front desk searches by is left. */
    @EventHandler
    void on(PersonalDataErased event, @Timestamp Instant at) {
        jdbc.sql("""
                        update query_side.patient_contact set full_name = :erased, email = :erased, phone = null,
                            phone_digits = null, updated_at = :at where patient_id = :id""")
                .param("erased", PersonalData.ERASED).param("id", event.patientId())
                .param("at", java.sql.Timestamp.from(at)).update();
    }

    @EventHandler
    void on(PatientEmailConfirmed event, @Timestamp Instant at) {
        jdbc.sql("update query_side.patient_contact set email_confirmed = true, updated_at = :at where patient_id = :id")
                .param("id", event.patientId()).param("at", java.sql.Timestamp.from(at)).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("delete from query_side.patient_contact").update();
    }

    static String digits(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? null : digits;
    }
}
