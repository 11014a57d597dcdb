package com.careslot.api.doctor;

import java.util.List;

public record SpecializationPage(List<SpecializationView> items, int page, int size, long totalItems) {
}
