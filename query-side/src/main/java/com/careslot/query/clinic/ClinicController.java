package com.careslot.query.clinic;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The clinic's booking rules as the pages need them to offer only what the command side will accept. It reads the
 * same {@code careslot.booking.*} settings (and defaults) as the command side's BookingPolicy and BookingLimits; the
 * command side keeps deciding.
 */
@RestController
@Tag(name = "Clinic")
class ClinicController {

    private final ClinicView clinic;

    ClinicController(@Value("${careslot.booking.minimum-notice:PT1H}") Duration minimumNotice,
                     @Value("${careslot.booking.maximum-advance:P90D}") Duration maximumAdvance,
                     @Value("${careslot.booking.maximum-active-appointments:5}") int maximumActiveAppointments,
                     @Value("${careslot.booking.patient-cancel-cutoff:PT2H}") Duration patientCancelCutoff,
                     @Value("${careslot.booking.check-in-opens:PT1H}") Duration checkInOpens,
                     @Value("${careslot.booking.hold-duration:PT5M}") Duration holdDuration,
                     @Value("${careslot.clinic.currency:EUR}") String currency,
                     @Value("${careslot.clinic.address:}") String address) {
        this.clinic = new ClinicView(currency, address.isBlank() ? null : address.strip(), minimumNotice.toSeconds(),
                maximumAdvance.toSeconds(),
                maximumActiveAppointments, patientCancelCutoff.toSeconds(), checkInOpens.toSeconds(),
                holdDuration.toSeconds());
    }

    @GetMapping("/api/clinic")
    @PreAuthorize("permitAll()")
    @Operation(summary = "The clinic's booking rules and currency, in seconds",
            description = "minimumNoticeSeconds: a booking starts at least this far ahead; maximumAdvanceSeconds: at "
                    + "most this far; patientCancelCutoffSeconds: a patient cancels or reschedules at least this long "
                    + "before the start; checkInOpensSeconds: check-in opens this long before the start; "
                    + "holdSeconds: how long a hold keeps a slot; currency: ISO 4217 code of doctors' fees; address: "
                    + "where patients come (careslot.clinic.address), absent when not configured.")
    ClinicView clinic() {
        return clinic;
    }

    record ClinicView(String currency, String address, long minimumNoticeSeconds, long maximumAdvanceSeconds,
                      int maximumActiveAppointments, long patientCancelCutoffSeconds, long checkInOpensSeconds,
                      long holdSeconds) {
    }
}
