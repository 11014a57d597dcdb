package com.careslot.api.appointment;

import java.time.Instant;
import java.util.List;

/**
 * A page of a doctor's appointments with the window {@code [from, to)} it covers; totals as in
 * {@link AppointmentPage}.
 */
public record DoctorAppointmentPage(List<AppointmentView> items, int page, int size, long totalItems,
                                    boolean totalItemsExact, Instant from, Instant to) {
}
