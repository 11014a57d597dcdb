package com.careslot.query.doctor;

import java.util.Locale;
import java.util.UUID;

import com.careslot.api.doctor.DoctorStatus;

import jakarta.persistence.criteria.CommonAbstractCriteria;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;

/** The directory as a filter for other read models: which listed doctors practise a specialization. */
public final class ListedDoctors {

    private ListedDoctors() {
    }

    /** The ids of listed doctors whose specialization is {@code specialization}, ignoring case. */
    public static Subquery<UUID> inSpecialization(CommonAbstractCriteria query, CriteriaBuilder cb,
                                                  String specialization) {
        Subquery<UUID> ids = query.subquery(UUID.class);
        Root<DoctorEntry> doctor = ids.from(DoctorEntry.class);
        return ids.select(doctor.get("doctorId")).where(
                cb.equal(doctor.get("status"), DoctorStatus.ACTIVE),
                cb.equal(cb.lower(doctor.get("specialization")), specialization.toLowerCase(Locale.ROOT)));
    }
}
