package com.careslot.query.appointment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.careslot.api.account.Role;
import com.careslot.api.appointment.AppointmentPage;
import com.careslot.api.appointment.AppointmentView;
import com.careslot.api.appointment.DoctorAppointmentPage;
import com.careslot.api.appointment.FindAppointments;
import com.careslot.api.appointment.FindDoctorAppointments;
import com.careslot.api.appointment.FindPatientAppointments;
import com.careslot.api.appointment.GetAppointment;
import com.careslot.platform.access.AccessLog;
import com.careslot.platform.position.ReadsFrom;
import com.careslot.platform.security.Caller;
import com.careslot.platform.web.InvalidInputException;
import com.careslot.platform.web.NotFoundException;
import com.careslot.query.listing.CountLimit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

@RestController
@ReadsFrom({AppointmentProcessing.GROUP, "doctor-directory", "patient-directory"})
@Tag(name = "Appointments (reads)")
class AppointmentQueryController {

    static final String STATUSES = "booked|cancelled|checked-in|fulfilled|noshow";
    static final Duration LONGEST_DOCTOR_WINDOW = Duration.ofDays(31);

    private final QueryGateway queryGateway;
    private final CountLimit countLimit;
    private final Clock clock;
    private final AccessLog accessLog;

    AppointmentQueryController(QueryGateway queryGateway, CountLimit countLimit, Optional<Clock> clock,
                               AccessLog accessLog) {
        this.queryGateway = queryGateway;
        this.countLimit = countLimit;
        this.accessLog = accessLog;
        this.clock = clock.orElseGet(Clock::systemUTC);
    }

    @GetMapping("/api/patients/me/appointments")
    @PreAuthorize("hasRole('PATIENT')")
    @Operation(summary = "The signed-in patient's appointments, upcoming (soonest first) or past (latest first)",
            description = "Every status, cancelled ones included. upcoming: not over yet; past: ended. Each carries "
                    + "the slot id a cancel or reschedule needs, the doctor's name and specialization. totalItems is "
                    + "counted up to careslot.queries.count-limit (totalItemsExact false beyond it), and a page may "
                    + "not start past it.")
    AppointmentPage mine(@AuthenticationPrincipal Caller caller,
                         @RequestParam(defaultValue = "upcoming") @Pattern(regexp = "upcoming|past",
                                 message = "must be upcoming or past") String scope,
                         @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                         @RequestParam(defaultValue = "20") @Min(1) @Max(500) int size) {
        countLimit.requireWithin(page, size);
        return queryGateway.query(new FindPatientAppointments(caller.accountId(), "upcoming".equals(scope),
                clock.instant(), page, size), AppointmentPage.class).join();
    }

    @GetMapping("/api/doctors/me/appointments")
    @PreAuthorize("hasRole('DOCTOR')")
    @Operation(summary = "The signed-in doctor's appointments starting in [from, to), in start order, with patient names",
            description = "Without from and to: today in the doctor's time zone and the six days after it. With one "
                    + "of them: seven days from from (or up to to). At most 31 days at once. totalItems is counted up "
                    + "to careslot.queries.count-limit (totalItemsExact false beyond it), and a page may not start "
                    + "past it.")
    DoctorAppointmentPage doctors(@AuthenticationPrincipal Caller caller,
                                  @RequestParam(required = false)
                                  @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                                  @RequestParam(required = false)
                                  @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                                  @RequestParam(required = false) @Pattern(regexp = STATUSES,
                                          message = "must be one of " + STATUSES) String status,
                                  @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                                  @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        requireWindow(from, to);
        if (from != null && to != null && Duration.between(from, to).compareTo(LONGEST_DOCTOR_WINDOW) > 0) {
            throw new InvalidInputException("to", "must be at most 31 days after from");
        }
        countLimit.requireWithin(page, size);
        DoctorAppointmentPage day = queryGateway.query(new FindDoctorAppointments(caller.accountId(), from, to, status,
                clock.instant(), page, size), DoctorAppointmentPage.class).join();
        accessLog.record(caller, "doctor-appointments", patients(day.items()));
        return day;
    }

    @GetMapping("/api/appointments/{appointmentId}")
    @PreAuthorize("hasAnyRole('PATIENT', 'DOCTOR', 'ADMIN', 'RECEPTIONIST')")
    @Operation(summary = "One appointment, for its patient, its doctor, a receptionist or an admin",
            description = "Anyone else gets the same 404 as for an unknown id, so the answer never tells whether an "
                    + "appointment exists.")
    AppointmentView get(@PathVariable UUID appointmentId, @AuthenticationPrincipal Caller caller) {
        AppointmentView appointment = queryGateway.query(new GetAppointment(appointmentId),
                        ResponseTypes.optionalInstanceOf(AppointmentView.class)).join()
                .filter(found -> entitled(caller, found))
                .orElseThrow(() -> new NotFoundException("No appointment " + appointmentId + " is yours to see."));
        accessLog.record(caller, "appointment", appointment.patientId());
        return appointment;
    }

    @GetMapping("/api/admin/appointments")
    @PreAuthorize("hasAnyRole('ADMIN', 'RECEPTIONIST')")
    @Operation(summary = "Every appointment in start order, filtered by status, doctor and a [from, to) window",
            description = "totalItems counts the matching appointments up to a limit (careslot.queries.count-limit, "
                    + "10,000 by default): when more match it is the limit and totalItemsExact is false. A page "
                    + "starting at or past the limit (page × size ≥ limit) is refused with 400 naming page: narrow "
                    + "the filters instead.")
    AppointmentPage all(@AuthenticationPrincipal Caller caller,
                        @RequestParam(required = false) @Pattern(regexp = STATUSES,
                                message = "must be one of " + STATUSES) String status,
                        @RequestParam(required = false) UUID doctorId,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                        @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                        @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        requireWindow(from, to);
        countLimit.requireWithin(page, size);
        AppointmentPage found = queryGateway.query(new FindAppointments(status, doctorId, from, to, page, size),
                AppointmentPage.class).join();
        accessLog.record(caller, "appointments", patients(found.items()));
        return found;
    }

    private static List<UUID> patients(List<AppointmentView> appointments) {
        return appointments.stream().map(AppointmentView::patientId).toList();
    }

    private static boolean entitled(Caller caller, AppointmentView appointment) {
        return caller.is(Role.ADMIN) || caller.is(Role.RECEPTIONIST)
                || caller.is(Role.PATIENT) && caller.accountId().equals(appointment.patientId())
                || caller.is(Role.DOCTOR) && caller.accountId().equals(appointment.doctorId());
    }

    private static void requireWindow(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidInputException("to", "must be after from");
        }
    }
}
