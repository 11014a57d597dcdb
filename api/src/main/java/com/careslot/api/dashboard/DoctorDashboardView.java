package com.careslot.api.dashboard;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.careslot.api.dashboard.DashboardView.Rate;

/**
 * A doctor's own dashboard, every day and week in the doctor's {@code timeZone} (weeks start on Monday).
 * {@code today} and {@code thisWeek} count the appointments starting then by FHIR status. Utilization is booked ÷
 * opened slots (removed ones left out) starting in the period. The rates, {@code patientsSeen} and the totals cover
 * the {@code weeks} (the 12 weeks ending with this one, oldest first): cancellations among all appointments, no-shows
 * among those whose attendance was recorded; patients seen are distinct patients with a fulfilled appointment.
 * {@code feesEarned} of a week is the doctor's current {@code fee} × its fulfilled appointments (null without a fee).
 */
public record DoctorDashboardView(UUID doctorId, String timeZone, LocalDate today, LocalDate weekStart,
                                  BigDecimal fee, Period todayFigures, Period thisWeek, Rate cancellationRate,
                                  Rate noShowRate, long patientsSeen, BigDecimal feesEarned, List<Week> weeks,
                                  NextFreeSlot nextFreeSlot) {

    /** Appointments by status (every status present, 0 when none) and the slots opened in one period. */
    public record Period(LocalDate from, LocalDate until, Map<String, Long> appointmentsByStatus, long appointments,
                         Utilization utilization) {
    }

    public record Utilization(BigDecimal value, long bookedSlots, long openedSlots) {
    }

    /** One week starting on Monday {@code weekStart}. */
    public record Week(LocalDate weekStart, long appointments, long fulfilled, long noShows, long cancelled,
                       Utilization utilization, BigDecimal feesEarned) {
    }

    public record NextFreeSlot(UUID slotId, Instant start, Instant end) {
    }
}
