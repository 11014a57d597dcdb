package com.careslot.query.dashboard;

import java.time.Clock;
import java.util.Optional;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.careslot.api.dashboard.DoctorDashboardView;
import com.careslot.api.dashboard.GetDoctorDashboard;
import com.careslot.platform.position.ReadsFrom;
import com.careslot.platform.security.Caller;
import com.careslot.platform.web.NotFoundException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@ReadsFrom({"slot-view", "doctor-directory", "appointment-view"})
@Tag(name = "Doctor's dashboard")
class DoctorDashboardController {

    private final QueryGateway queryGateway;
    private final Clock clock;

    DoctorDashboardController(QueryGateway queryGateway, Optional<Clock> clock) {
        this.queryGateway = queryGateway;
        this.clock = clock.orElseGet(Clock::systemUTC);
    }

    @GetMapping("/api/doctors/me/dashboard")
    @PreAuthorize("hasRole('DOCTOR')")
    @Operation(summary = "The signed-in doctor's own figures, in the doctor's time zone",
            description = "Today's and this week's appointments by status and utilization (booked ÷ opened slots); "
                    + "over the 12 weeks ending with this one: cancellation and no-show rates, patients seen, fees "
                    + "earned (the current fee × fulfilled appointments) and the same per week, oldest first; the "
                    + "next free slot. Weeks start on Monday. 404 until the doctor's profile is in the directory.")
    DoctorDashboardView dashboard(@AuthenticationPrincipal Caller caller) {
        return queryGateway.query(new GetDoctorDashboard(caller.accountId(), clock.instant()),
                        ResponseTypes.optionalInstanceOf(DoctorDashboardView.class)).join()
                .orElseThrow(() -> new NotFoundException("No profile of doctor " + caller.accountId() + " yet."));
    }
}
