package com.careslot.api.doctor;

import java.util.List;

public record DoctorPage(List<DoctorView> items, int page, int size, long totalItems) {
}
