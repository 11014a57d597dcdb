package com.careslot.api.doctor;

public enum DoctorStatus {
    PENDING, ACTIVE, REJECTED
}
