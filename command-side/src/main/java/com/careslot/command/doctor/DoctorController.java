package com.careslot.command.doctor;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.careslot.api.doctor.CredentialNote;
import com.careslot.platform.security.Caller;
import com.careslot.api.doctor.DoctorProfile;
import com.careslot.api.doctor.DoctorProfilePatch;
import com.careslot.api.doctor.UpdateDoctorProfile;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@RestController
@Tag(name = "Doctors (writes)")
class DoctorController {

    private final DoctorAdmission admission;
    private final CommandGateway commandGateway;

    DoctorController(DoctorAdmission admission, CommandGateway commandGateway) {
        this.admission = admission;
        this.commandGateway = commandGateway;
    }

    @PostMapping("/api/admin/doctors")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Onboard a doctor; mails them a one-time invitation to set a password")
    ResponseEntity<DoctorCreated> onboard(@Valid @RequestBody OnboardRequest request) {
        UUID doctorId = admission.onboard(request.email(), request.profile());
        return ResponseEntity.created(URI.create("/api/doctors/" + doctorId))
                .body(new DoctorCreated(doctorId, "ACTIVE"));
    }

    @PostMapping("/api/auth/register-doctor")
    @PreAuthorize("permitAll()")
    @Operation(summary = "Apply as a doctor; an admin approves or rejects the application")
    ResponseEntity<DoctorCreated> apply(@Valid @RequestBody ApplyRequest request) {
        UUID doctorId = admission.apply(request.email(), request.password(), request.profile());
        return ResponseEntity.created(URI.create("/api/doctors/" + doctorId))
                .body(new DoctorCreated(doctorId, "PENDING"));
    }

    @PostMapping(path = "/api/auth/register-doctor", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("permitAll()")
    @Operation(summary = "Apply as a doctor with credential documents and a photo (multipart/form-data)",
            description = "Part 'application': the same JSON as the plain application; parts 'documents' (PDF, JPEG "
                    + "or PNG, at most 5) and 'photo' (JPEG or PNG), both optional. The application and its files "
                    + "are accepted together or not at all (415 naming a file whose bytes are not of those types).")
    ResponseEntity<DoctorCreated> applyWithFiles(
            @Valid @RequestPart("application") ApplyRequest request,
            @RequestPart(name = "documents", required = false) List<MultipartFile> documents,
            @RequestPart(name = "photo", required = false) MultipartFile photo) {
        UUID doctorId = admission.applyWithFiles(request.email(), request.password(), request.profile(),
                documents == null ? List.of() : documents, photo);
        return ResponseEntity.created(URI.create("/api/doctors/" + doctorId))
                .body(new DoctorCreated(doctorId, "PENDING"));
    }

    @PostMapping("/api/admin/doctors/{doctorId}/approve")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Approve a doctor's application, optionally with a note per credential document",
            description = "Body (optional): {documentNotes: [{documentId, note}]}; the doctor sees the notes with "
                    + "the documents.")
    DoctorCreated approve(@PathVariable UUID doctorId, @Valid @RequestBody(required = false) ApproveRequest request,
                          @AuthenticationPrincipal Caller caller) {
        admission.approve(doctorId, request == null ? List.of() : request.notes(), caller.actor());
        return new DoctorCreated(doctorId, "ACTIVE");
    }

    @PostMapping("/api/admin/doctors/{doctorId}/reject")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Reject a doctor's application, with a reason and optionally a note per credential document")
    DoctorCreated reject(@PathVariable UUID doctorId, @Valid @RequestBody RejectRequest request,
                         @AuthenticationPrincipal Caller caller) {
        admission.reject(doctorId, request.reason(), request.notes(), caller.actor());
        return new DoctorCreated(doctorId, "REJECTED");
    }

    @PatchMapping("/api/doctors/{doctorId}")
    @PreAuthorize("hasRole('ADMIN') or (hasRole('DOCTOR') and #doctorId == principal.accountId)")
    @Operation(summary = "Change some fields of a doctor's profile (that doctor, or an admin)",
            description = "Fields left out stay as they are; an empty qualifications list clears them.")
    DoctorProfile update(@PathVariable UUID doctorId, @Valid @RequestBody ProfilePatchRequest request) {
        return commandGateway.sendAndWait(new UpdateDoctorProfile(doctorId, request.patch()));
    }

    record OnboardRequest(@NotBlank @Email @Size(max = 254) String email, @NotBlank String fullName,
                          @NotBlank String specialization, @NotBlank String timeZone, List<String> qualifications,
                          Integer yearsOfExperience, BigDecimal fee, String bio) {
        DoctorProfile profile() {
            return new DoctorProfile(fullName, specialization, timeZone,
                    qualifications == null ? List.of() : qualifications, yearsOfExperience, fee, bio);
        }
    }

    record ApplyRequest(@NotBlank @Email @Size(max = 254) String email, @NotBlank @Size(max = 200) String password,
                        @NotBlank String fullName, @NotBlank String specialization, @NotBlank String timeZone,
                        List<String> qualifications, Integer yearsOfExperience, BigDecimal fee, String bio) {
        DoctorProfile profile() {
            return new DoctorProfile(fullName, specialization, timeZone,
                    qualifications == null ? List.of() : qualifications, yearsOfExperience, fee, bio);
        }
    }

    record RejectRequest(@NotBlank @Size(max = 500) String reason, @Size(max = 20) List<CredentialNote> documentNotes) {
        List<CredentialNote> notes() {
            return documentNotes == null ? List.of() : documentNotes;
        }
    }

    record ApproveRequest(@Size(max = 20) List<CredentialNote> documentNotes) {
        List<CredentialNote> notes() {
            return documentNotes == null ? List.of() : documentNotes;
        }
    }

    record ProfilePatchRequest(String fullName, String specialization, String timeZone, List<String> qualifications,
                               Integer yearsOfExperience, BigDecimal fee, String bio) {
        DoctorProfilePatch patch() {
            return new DoctorProfilePatch(fullName, specialization, timeZone, qualifications, yearsOfExperience,
                    fee, bio);
        }
    }

    record DoctorCreated(UUID doctorId, String status) {
    }
}
