package com.careslot.api.slot;

/** An appointment's status, named as HL7 FHIR Appointment names it ({@link #code()}). */
public enum AppointmentStatus {
    BOOKED("booked"), CANCELLED("cancelled"), CHECKED_IN("checked-in"), FULFILLED("fulfilled"), NOSHOW("noshow");

    private final String code;

    AppointmentStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
