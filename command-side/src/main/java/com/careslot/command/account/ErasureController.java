package com.careslot.command.account;

import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.careslot.platform.security.Caller;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@RestController
@Tag(name = "Privacy")
class ErasureController {

    private final Erasure erasure;

    ErasureController(Erasure erasure) {
        this.erasure = erasure;
    }

    @PostMapping("/api/patients/me/erasure")
    @PreAuthorize("hasRole('PATIENT')")
    @Operation(summary = "Erase yourself: your future appointments are cancelled and your personal data erased for good",
            description = "Takes your password again (403 wrong-password when it is not right; nothing is erased). "
                    + "422 too-late-to-cancel when an appointment starts within the cancellation cutoff: ask the "
                    + "clinic, or wait until it is over. Afterwards the account cannot sign in; docs/PRIVACY.md.")
    Erasure.Result eraseSelf(@Valid @RequestBody ErasureRequest request, @AuthenticationPrincipal Caller caller) {
        return erasure.eraseSelf(caller.accountId(), request.password());
    }

    @PostMapping("/api/admin/patients/{patientId}/erasure")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Erase a patient: future appointments cancelled, personal data erased for good",
            description = "404 when no patient has this id. Asking again for an erased patient changes nothing.")
    Erasure.Result eraseAsAdmin(@PathVariable UUID patientId, @AuthenticationPrincipal Caller caller) {
        return erasure.eraseAsAdmin(patientId, caller.actor());
    }

    record ErasureRequest(@NotBlank @Size(max = 200) String password) {
    }
}
