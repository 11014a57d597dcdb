package com.careslot.api.appointment;

import java.util.List;

public record AppointmentPage(List<AppointmentView> items, int page, int size, long totalItems) {
}
