package com.careslot.api.doctor;

import java.util.UUID;

public record DoctorApproved(UUID doctorId) {
}
