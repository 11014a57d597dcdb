package com.careslot.query.frontdesk;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.queryhandling.QueryGateway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.careslot.api.appointment.AppointmentPage;
import com.careslot.api.appointment.FindPatientAppointments;
import com.careslot.platform.access.AccessLog;
import com.careslot.platform.position.ReadsFrom;
import com.careslot.platform.security.Caller;
import com.careslot.platform.web.NotFoundException;
import com.careslot.query.listing.CountLimit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What the front desk reads: patients found by name, email or phone, and one patient's appointments. */
@RestController
@ReadsFrom({PatientContactProjection.GROUP, "appointment-view", "doctor-directory", "patient-directory"})
@Tag(name = "Front desk (reads)")
class FrontDeskController {

    private final JdbcClient jdbc;
    private final QueryGateway queryGateway;
    private final CountLimit countLimit;
    private final Clock clock;
    private final AccessLog accessLog;

    FrontDeskController(JdbcClient jdbc, QueryGateway queryGateway, CountLimit countLimit, Optional<Clock> clock,
                        AccessLog accessLog) {
        this.jdbc = jdbc;
        this.accessLog = accessLog;
        this.queryGateway = queryGateway;
        this.countLimit = countLimit;
        this.clock = clock.orElseGet(Clock::systemUTC);
    }

    @GetMapping("/api/front-desk/patients")
    @PreAuthorize("hasAnyRole('RECEPTIONIST', 'ADMIN')")
    @Operation(summary = "Patients whose name or email contains q (ignoring case) or whose phone contains q's digits",
            description = "At least 2 characters; names first in alphabetical order. For receptionists and admins.")
    PatientContactPage find(@AuthenticationPrincipal Caller caller,
                            @RequestParam @NotBlank @Size(min = 2, max = 200) String q,
                            @RequestParam(defaultValue = "0") @Min(0) @Max(1_000) int page,
                            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        String text = "%" + q.strip().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        String digits = PatientContactProjection.digits(q);
        String phone = digits != null && digits.length() >= 3 ? "%" + digits + "%" : null;
        String where = """
                from query_side.patient_contact
                where lower(full_name) like :text or lower(email) like :text
                   or (cast(:phone as text) is not null and phone_digits like cast(:phone as text))""";
        List<PatientContact> items = jdbc.sql("select * " + where + " order by lower(full_name), patient_id "
                        + "limit :size offset :offset")
                .param("text", text).param("phone", phone).param("size", size).param("offset", page * size)
                .query(PatientContact.class).list();
        long total = jdbc.sql("select count(*) " + where).param("text", text).param("phone", phone)
                .query(Long.class).single();
        accessLog.record(caller, "front-desk-search", items.stream().map(PatientContact::patientId).toList());
        return new PatientContactPage(items, page, size, total);
    }

    @GetMapping("/api/front-desk/patients/{patientId}")
    @PreAuthorize("hasAnyRole('RECEPTIONIST', 'ADMIN')")
    @Operation(summary = "One patient's name and contact data, for receptionists and admins")
    PatientContact get(@PathVariable UUID patientId, @AuthenticationPrincipal Caller caller) {
        PatientContact patient = jdbc.sql("select * from query_side.patient_contact where patient_id = ?")
                .param(patientId).query(PatientContact.class).optional()
                .orElseThrow(() -> new NotFoundException("No patient " + patientId + " is registered."));
        accessLog.record(caller, "front-desk-patient", patientId);
        return patient;
    }

    @GetMapping("/api/front-desk/patients/{patientId}/appointments")
    @PreAuthorize("hasAnyRole('RECEPTIONIST', 'ADMIN')")
    @Operation(summary = "One patient's appointments, upcoming (soonest first) or past (latest first), every status",
            description = "As GET /api/patients/me/appointments shows them to the patient.")
    AppointmentPage appointments(@PathVariable UUID patientId, @AuthenticationPrincipal Caller caller,
                                 @RequestParam(defaultValue = "upcoming") @Pattern(regexp = "upcoming|past",
                                         message = "must be upcoming or past") String scope,
                                 @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                                 @RequestParam(defaultValue = "20") @Min(1) @Max(500) int size) {
        countLimit.requireWithin(page, size);
        AppointmentPage appointments = queryGateway.query(new FindPatientAppointments(patientId,
                "upcoming".equals(scope), clock.instant(), page, size), AppointmentPage.class).join();
        accessLog.record(caller, "front-desk-appointments", patientId);
        return appointments;
    }

    record PatientContact(UUID patientId, String fullName, String email, String phone, boolean emailConfirmed) {
    }

    record PatientContactPage(List<PatientContact> items, int page, int size, long totalItems) {
    }
}
