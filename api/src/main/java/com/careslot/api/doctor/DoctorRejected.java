package com.careslot.api.doctor;

import java.util.UUID;

public record DoctorRejected(UUID doctorId, String reason) {
}
