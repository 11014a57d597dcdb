package com.careslot.query.slot;

import java.time.Instant;
import java.util.UUID;

import com.careslot.api.slot.AppointmentStatus;
import com.careslot.api.slot.SlotStatus;
import com.careslot.api.slot.SlotView;
import com.careslot.query.projection.NewRow;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One row per slot of the {@code slot-view} projection. */
@Entity
@Table(schema = "query_side", name = "slot")
class SlotEntry extends NewRow<UUID> {

    @Id
    private UUID slotId;
    private UUID doctorId;
    @Column(name = "start_at")
    private Instant start;
    @Column(name = "end_at")
    private Instant end;
    @Enumerated(EnumType.STRING)
    private SlotStatus status;
    private UUID appointmentId;
    private UUID patientId;
    private String appointmentStatus;
    private Instant updatedAt;

    protected SlotEntry() {
    }

    SlotEntry(UUID slotId, UUID doctorId, Instant start, Instant end, Instant updatedAt) {
        this.slotId = slotId;
        this.doctorId = doctorId;
        this.start = start;
        this.end = end;
        this.status = SlotStatus.FREE;
        this.updatedAt = updatedAt;
    }

    void booked(UUID appointmentId, UUID patientId, Instant at) {
        this.status = SlotStatus.BOOKED;
        this.appointmentId = appointmentId;
        this.patientId = patientId;
        this.appointmentStatus = AppointmentStatus.BOOKED.code();
        this.updatedAt = at;
    }

    /** Held for a patient: readers see HELD, and only those entitled to see who holds it (see SlotQueryController). */
    void held(UUID patientId, Instant at) {
        this.patientId = patientId;
        becomes(SlotStatus.HELD, at);
    }

    void moved(Instant start, Instant end, Instant at) {
        this.start = start;
        this.end = end;
        this.updatedAt = at;
    }

    void freed(Instant at) {
        this.appointmentId = null;
        this.patientId = null;
        this.appointmentStatus = null;
        becomes(SlotStatus.FREE, at);
    }

    void becomes(SlotStatus status, Instant at) {
        this.status = status;
        this.updatedAt = at;
    }

    void attendance(AppointmentStatus appointment, Instant at) {
        this.appointmentStatus = appointment.code();
        this.updatedAt = at;
    }

    SlotView view() {
        return new SlotView(slotId, doctorId, start, end, status, appointmentId, patientId, appointmentStatus);
    }

    @Override
    public UUID getId() {
        return slotId;
    }
}
