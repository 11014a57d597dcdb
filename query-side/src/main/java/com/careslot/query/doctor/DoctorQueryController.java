package com.careslot.query.doctor;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.careslot.api.doctor.DoctorAdmissionPage;
import com.careslot.api.doctor.DoctorPage;
import com.careslot.api.doctor.DoctorStatus;
import com.careslot.api.doctor.DoctorView;
import com.careslot.api.doctor.FindDoctors;
import com.careslot.api.doctor.FindDoctorsByStatus;
import com.careslot.api.doctor.FindSpecializations;
import com.careslot.api.doctor.GetDoctor;
import com.careslot.api.doctor.SpecializationPage;
import com.careslot.platform.position.ReadsFrom;
import com.careslot.platform.web.NotFoundException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

@RestController
@ReadsFrom({"doctor-directory", "slot-view"})
@Tag(name = "Doctors (reads)")
class DoctorQueryController {

    private final QueryGateway queryGateway;
    private final Clock clock;

    DoctorQueryController(QueryGateway queryGateway, Optional<Clock> clock) {
        this.queryGateway = queryGateway;
        this.clock = clock.orElseGet(Clock::systemUTC);
    }

    @GetMapping("/api/doctors")
    @PreAuthorize("permitAll()")
    @Operation(summary = "The doctor directory: listed doctors by name, each with their next free slot",
            description = "q matches any part of the full name, ignoring case; specialization matches the whole "
                    + "name, ignoring case. nextFreeSlot is absent when the doctor has no free slot ahead.")
    DoctorPage find(@RequestParam(required = false) @Size(max = 100) String specialization,
                    @RequestParam(required = false) @Size(max = 200) String q,
                    @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                    @RequestParam(defaultValue = "20") @Min(1) @Max(500) int size) {
        return queryGateway.query(new FindDoctors(blankToNull(specialization), blankToNull(q), clock.instant(), page,
                size), DoctorPage.class).join();
    }

    @GetMapping("/api/doctors/{doctorId}")
    @PreAuthorize("permitAll()")
    @Operation(summary = "One listed doctor's profile with their next free slot",
            description = "404 for unknown doctors, and for applications still pending or rejected.")
    DoctorView get(@PathVariable UUID doctorId) {
        return queryGateway.query(new GetDoctor(doctorId, clock.instant()),
                        ResponseTypes.optionalInstanceOf(DoctorView.class)).join()
                .orElseThrow(() -> new NotFoundException("No doctor " + doctorId + " is listed."));
    }

    @GetMapping("/api/specializations")
    @PreAuthorize("permitAll()")
    @Operation(summary = "The specializations of listed doctors by name, with how many doctors practise each")
    SpecializationPage specializations(@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                                       @RequestParam(defaultValue = "100") @Min(1) @Max(500) int size) {
        return queryGateway.query(new FindSpecializations(page, size), SpecializationPage.class).join();
    }

    @GetMapping("/api/admin/doctors")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Doctors by admission status, oldest registration first",
            description = "PENDING lists the applications waiting for a decision (approve or reject them with "
                    + "POST /api/admin/doctors/{doctorId}/approve or /reject); ACTIVE and REJECTED the others.")
    DoctorAdmissionPage byStatus(@RequestParam(defaultValue = "PENDING") DoctorStatus status,
                                 @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                                 @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return queryGateway.query(new FindDoctorsByStatus(status, page, size), DoctorAdmissionPage.class).join();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
