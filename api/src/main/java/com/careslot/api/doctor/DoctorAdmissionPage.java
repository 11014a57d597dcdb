package com.careslot.api.doctor;

import java.util.List;

public record DoctorAdmissionPage(List<DoctorAdmissionView> items, int page, int size, long totalItems) {
}
