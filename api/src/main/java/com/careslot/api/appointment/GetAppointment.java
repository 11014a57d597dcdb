package com.careslot.api.appointment;

import java.util.UUID;

/** Answers an {@link AppointmentView}, or none when no appointment has that id. */
public record GetAppointment(UUID appointmentId) {
}
