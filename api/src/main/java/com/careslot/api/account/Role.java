package com.careslot.api.account;

public enum Role {
    PATIENT, DOCTOR, ADMIN, AUDITOR, RECEPTIONIST
}
