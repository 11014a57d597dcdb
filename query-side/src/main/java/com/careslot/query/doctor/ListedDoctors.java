package com.careslot.query.doctor;

/** The directory as a filter for other read models: which listed doctors practise a specialization. */
public final class ListedDoctors {

    /**
     * The ids of listed doctors whose specialization is the parameter {@code :specialization}, in lower case (the
     * whole name, ignoring case); served by {@code doctor_listed_by_specialization}.
     */
    public static final String IN_SPECIALIZATION = "select d.doctor_id from query_side.doctor d"
            + " where d.status = 'ACTIVE' and lower(d.specialization) = :specialization";

    private ListedDoctors() {
    }
}
