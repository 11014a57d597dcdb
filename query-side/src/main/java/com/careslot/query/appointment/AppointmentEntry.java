package com.careslot.query.appointment;

import java.time.Instant;
import java.util.UUID;

import com.careslot.api.slot.AppointmentStatus;
import com.careslot.query.projection.NewRow;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One row per appointment of the {@code appointment-view} projection; names are joined in when it is read. */
@Entity
@Table(schema = "query_side", name = "appointment")
class AppointmentEntry extends NewRow<UUID> {

    @Id
    private UUID appointmentId;
    private UUID slotId;
    private UUID doctorId;
    private UUID patientId;
    @Column(name = "start_at")
    private Instant start;
    @Column(name = "end_at")
    private Instant end;
    private String status;
    private Instant bookedAt;
    private Instant rescheduledAt;
    private Instant cancelledAt;
    private String cancelledBy;
    private String cancellationReason;
    private Instant updatedAt;

    protected AppointmentEntry() {
    }

    AppointmentEntry(UUID appointmentId, UUID slotId, UUID doctorId, UUID patientId, Instant start, Instant end,
                     Instant at) {
        this.appointmentId = appointmentId;
        this.slotId = slotId;
        this.doctorId = doctorId;
        this.patientId = patientId;
        this.start = start;
        this.end = end;
        this.status = AppointmentStatus.BOOKED.code();
        this.bookedAt = at;
        this.updatedAt = at;
    }

    void movedTo(UUID slotId, UUID doctorId, Instant start, Instant end, Instant at) {
        this.slotId = slotId;
        this.doctorId = doctorId;
        this.start = start;
        this.end = end;
        this.rescheduledAt = at;
        this.updatedAt = at;
    }

    void cancelled(String byRole, String reason, Instant at) {
        this.status = AppointmentStatus.CANCELLED.code();
        this.cancelledAt = at;
        this.cancelledBy = byRole;
        this.cancellationReason = reason;
        this.updatedAt = at;
    }

    void becomes(AppointmentStatus status, Instant at) {
        this.status = status.code();
        this.updatedAt = at;
    }

    @Override
    public UUID getId() {
        return appointmentId;
    }
}
