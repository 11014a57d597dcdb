package com.careslot.api.doctor;

public record SpecializationView(String name, long doctors) {
}
