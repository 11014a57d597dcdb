package com.careslot.query.dashboard;

import java.time.Clock;
import java.util.Optional;

import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.careslot.api.dashboard.DashboardView;
import com.careslot.api.dashboard.GetDashboard;
import com.careslot.platform.position.ReadsFrom;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

@RestController
@ReadsFrom({"slot-view", "doctor-directory", "patient-directory", "appointment-view"})
@Tag(name = "Admin dashboard")
class DashboardController {

    private final QueryGateway queryGateway;
    private final Clock clock;

    DashboardController(QueryGateway queryGateway, Optional<Clock> clock) {
        this.queryGateway = queryGateway;
        this.clock = clock.orElseGet(Clock::systemUTC);
    }

    @GetMapping("/api/admin/dashboard")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Doctors, patients, appointments by status, bookings per day (30 UTC days), cancellation "
            + "and no-show rates, utilization per doctor, busiest specializations",
            description = "page and size page the per-doctor utilization (booked ÷ opened slots, highest first); "
                    + "top limits the busiest specializations. Rates carry their numerator and denominator.")
    DashboardView dashboard(@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                            @RequestParam(defaultValue = "20") @Min(1) @Max(500) int size,
                            @RequestParam(defaultValue = "10") @Min(1) @Max(100) int top) {
        return queryGateway.query(new GetDashboard(clock.instant(), page, size, top), DashboardView.class).join();
    }
}
