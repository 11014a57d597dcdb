package com.careslot.query.doctor;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.careslot.api.doctor.DoctorAdmissionView;
import com.careslot.api.doctor.DoctorProfile;
import com.careslot.api.doctor.DoctorStatus;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One row per doctor of the {@code doctor-directory} projection; listed while {@link DoctorStatus#ACTIVE}. */
@Entity
@Table(schema = "query_side", name = "doctor")
public class DoctorEntry {

    @Id
    private UUID doctorId;
    @Enumerated(EnumType.STRING)
    private DoctorStatus status;
    private String fullName;
    private String specialization;
    private String timeZone;
    @JdbcTypeCode(SqlTypes.JSON)
    private List<String> qualifications;
    private Integer yearsOfExperience;
    private BigDecimal fee;
    private String bio;
    private Instant registeredAt;
    private Instant updatedAt;

    protected DoctorEntry() {
    }

    DoctorEntry(UUID doctorId, DoctorStatus status, DoctorProfile profile, Instant at) {
        this.doctorId = doctorId;
        this.status = status;
        this.registeredAt = at;
        profile(profile, at);
    }

    void profile(DoctorProfile profile, Instant at) {
        this.fullName = profile.fullName();
        this.specialization = profile.specialization();
        this.timeZone = profile.timeZone();
        this.qualifications = profile.qualifications() == null ? List.of() : List.copyOf(profile.qualifications());
        this.yearsOfExperience = profile.yearsOfExperience();
        this.fee = profile.fee();
        this.bio = profile.bio();
        this.updatedAt = at;
    }

    DoctorAdmissionView admission() {
        return new DoctorAdmissionView(doctorId, fullName, specialization, timeZone, qualifications,
                yearsOfExperience, status, registeredAt);
    }

    void becomes(DoctorStatus status, Instant at) {
        this.status = status;
        this.updatedAt = at;
    }
}
