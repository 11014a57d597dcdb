package com.careslot.api.dashboard;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The practice at a glance. {@code appointmentsByStatus} has every FHIR status as a key, zero included.
 * {@code cancellationRate}: cancelled ÷ all appointments; {@code noShowRate}: noshow ÷ appointments whose
 * attendance was recorded (checked-in, fulfilled, noshow). A rate's {@code value} is null when its denominator is 0.
 */
public record DashboardView(Doctors doctors, Patients patients, Map<String, Long> appointmentsByStatus,
                            long appointments, List<DailyBookings> bookingsPerDay, Rate cancellationRate,
                            Rate noShowRate, UtilizationPage utilization, Specializations busiestSpecializations,
                            List<Revenue> revenue) {

    /**
     * Online payments in one currency (major units): {@code paid} all that was paid, {@code refunded} all that went
     * back, {@code net} the difference; {@code payments} and {@code refunds} count them. Empty without payments.
     */
    public record Revenue(String currency, BigDecimal paid, BigDecimal refunded, BigDecimal net, long payments,
                          long refunds) {
    }

    public record Doctors(long listed, long pending) {
    }

    public record Patients(long registered, long emailConfirmed) {
    }

    public record DailyBookings(LocalDate date, long bookings) {
    }

    public record Rate(BigDecimal value, long numerator, long denominator) {
    }

    /** Booked ÷ opened (not removed) slots of one listed doctor; {@code value} is null when none were opened. */
    public record Utilization(UUID doctorId, String fullName, String specialization, long bookedSlots,
                              long openedSlots, BigDecimal value) {
    }

    /** Listed doctors by utilization, highest first (none opened: last), then doctor id. */
    public record UtilizationPage(List<Utilization> items, int page, int size, long totalItems) {
    }

    /** Appointments not cancelled, per specialization of the listed doctors, most first, then name. */
    public record Specialization(String name, long doctors, long appointments) {
    }

    public record Specializations(List<Specialization> items, int top, long totalItems) {
    }
}
