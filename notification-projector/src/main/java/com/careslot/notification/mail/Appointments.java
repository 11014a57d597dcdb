package com.careslot.notification.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code notification.appointment}: each appointment as the mail processor last saw it. A change is applied once per
 * event ({@code last_event_id}), so a redelivered event neither moves the time again nor raises the SEQUENCE twice.
 * An appointment booked before the processor's first start is taken up from its first later event.
 */
@Component
class Appointments {

    private final JdbcClient jdbc;

    Appointments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    AppointmentMailState booked(UUID appointmentId, UUID slotId, UUID doctorId, UUID patientId, Instant start,
                                Instant end, String eventId) {
        jdbc.sql("""
                        insert into notification.appointment (appointment_id, slot_id, doctor_id, patient_id, start_at,
                            end_at, status, sequence, last_event_id)
                        values (?, ?, ?, ?, ?, ?, 'BOOKED', 0, ?)
                        on conflict (appointment_id) do nothing""")
                .params(appointmentId, slotId, doctorId, patientId, at(start), at(end), eventId)
                .update();
        return find(appointmentId).orElseThrow();
    }

    AppointmentMailState moved(UUID appointmentId, UUID slotId, UUID doctorId, UUID patientId, Instant start,
                               Instant end, String eventId) {
        jdbc.sql("""
                        insert into notification.appointment (appointment_id, slot_id, doctor_id, patient_id, start_at,
                            end_at, status, sequence, last_event_id)
                        values (?, ?, ?, ?, ?, ?, 'BOOKED', 1, ?)
                        on conflict (appointment_id) do update set
                            previous_start_at = appointment.start_at, previous_end_at = appointment.end_at,
                            slot_id = excluded.slot_id, start_at = excluded.start_at, end_at = excluded.end_at,
                            status = 'BOOKED', sequence = appointment.sequence + 1,
                            last_event_id = excluded.last_event_id
                        where appointment.last_event_id <> excluded.last_event_id""")
                .params(appointmentId, slotId, doctorId, patientId, at(start), at(end), eventId)
                .update();
        return find(appointmentId).orElseThrow();
    }

    AppointmentMailState cancelled(UUID appointmentId, UUID slotId, UUID doctorId, UUID patientId, Instant start,
                                   Instant end, String eventId) {
        jdbc.sql("""
                        insert into notification.appointment (appointment_id, slot_id, doctor_id, patient_id, start_at,
                            end_at, status, sequence, last_event_id)
                        values (?, ?, ?, ?, ?, ?, 'CANCELLED', 1, ?)
                        on conflict (appointment_id) do update set
                            status = 'CANCELLED', sequence = appointment.sequence + 1,
                            last_event_id = excluded.last_event_id
                        where appointment.last_event_id <> excluded.last_event_id""")
                .params(appointmentId, slotId, doctorId, patientId, at(start), at(end), eventId)
                .update();
        return find(appointmentId).orElseThrow();
    }

    Optional<AppointmentMailState> find(UUID appointmentId) {
        return jdbc.sql("select * from notification.appointment where appointment_id = ?")
                .param(appointmentId).query(Appointments::state).optional();
    }

    private static AppointmentMailState state(ResultSet row, int number) throws SQLException {
        return new AppointmentMailState(row.getObject("appointment_id", UUID.class),
                row.getObject("slot_id", UUID.class), row.getObject("doctor_id", UUID.class),
                row.getObject("patient_id", UUID.class), instant(row, "start_at"), instant(row, "end_at"),
                instant(row, "previous_start_at"), instant(row, "previous_end_at"), row.getString("status"),
                row.getInt("sequence"));
    }

    static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
