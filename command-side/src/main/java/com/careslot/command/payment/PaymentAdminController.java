package com.careslot.command.payment;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.careslot.api.account.Role;
import com.careslot.command.account.Accounts;
import com.careslot.platform.security.Caller;
import com.careslot.platform.web.NotFoundException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The admin's view of payments: whether Stripe is configured (never the secrets), and which doctors are paid. */
@RestController
@Tag(name = "Payments")
class PaymentAdminController {

    private final PaymentSettings settings;
    private final PaymentTerms terms;
    private final Accounts accounts;

    PaymentAdminController(PaymentSettings settings, PaymentTerms terms, Accounts accounts) {
        this.settings = settings;
        this.terms = terms;
        this.accounts = accounts;
    }

    @GetMapping("/api/admin/payments")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Whether payments are configured: mode, currency, refund policy and the doctors paid online",
            description = "Shows which keys are set, never their values (the publishable key is public).")
    PaymentsView settings() {
        return new PaymentsView(settings.configured(), settings.mode(), settings.currency(),
                present(settings.stripeSecretKey()), settings.stripePublishableKey(),
                present(settings.stripeWebhookSecret()), settings.refundCutoff(), settings.lateRefundPercent(),
                terms.enabledDoctors());
    }

    @PutMapping("/api/admin/payments/doctors/{doctorId}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Turn online payment on or off for one doctor (admin)",
            description = "On: the doctor's slots are booked by paying the fee in their profile (a doctor without a "
                    + "fee books free all the same). 404 for an unknown doctor.")
    DoctorPayments enable(@PathVariable UUID doctorId, @Valid @RequestBody DoctorPayments request,
                          @AuthenticationPrincipal Caller caller) {
        if (!accounts.isActive(doctorId, Role.DOCTOR)) {
            throw new NotFoundException("No active doctor " + doctorId + " exists.");
        }
        terms.enable(doctorId, request.enabled(), caller.accountId());
        return request;
    }

    record DoctorPayments(@NotNull Boolean enabled) {
    }

    record PaymentsView(boolean configured, String mode, String currency, boolean secretKeySet,
                        String publishableKey, boolean webhookSecretSet, Duration refundCutoff,
                        int lateRefundPercent, List<UUID> enabledDoctors) {
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
