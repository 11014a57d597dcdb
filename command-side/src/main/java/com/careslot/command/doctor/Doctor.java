package com.careslot.command.doctor;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import com.careslot.api.doctor.ApplyAsDoctor;
import com.careslot.api.account.Actor;
import com.careslot.api.account.Role;
import com.careslot.api.doctor.ApproveDoctor;
import com.careslot.api.doctor.AttachCredentials;
import com.careslot.api.doctor.ChangeProfilePhoto;
import com.careslot.api.doctor.CredentialDocument;
import com.careslot.api.doctor.CredentialNote;
import com.careslot.api.doctor.CredentialsReviewed;
import com.careslot.api.doctor.NoteCredentials;
import com.careslot.api.doctor.CredentialDownloaded;
import com.careslot.api.doctor.CredentialsAttached;
import com.careslot.api.doctor.ProfilePhotoChanged;
import com.careslot.api.doctor.RecordCredentialDownload;
import com.careslot.api.doctor.DoctorApplied;
import com.careslot.api.doctor.DoctorApproved;
import com.careslot.api.doctor.DoctorOnboarded;
import com.careslot.api.doctor.DoctorProfile;
import com.careslot.api.doctor.DoctorProfileUpdated;
import com.careslot.api.doctor.DoctorRejected;
import com.careslot.api.doctor.DoctorStatus;
import com.careslot.api.doctor.OnboardDoctor;
import com.careslot.api.doctor.RejectDoctor;
import com.careslot.api.doctor.UpdateDoctorProfile;

/**
 * A doctor's registration and public profile, one event stream per doctor. Onboarded by an admin, a doctor is
 * active at once; one who applies waits, pending, for an admin to approve or reject. Credentials are not kept
 * here: accounts hold them, outside the event store.
 */
@Aggregate
public class Doctor {

    static final int LONGEST_EMAIL = 254;
    static final int LONGEST_REASON = 500;

    @AggregateIdentifier
    private UUID doctorId;
    private DoctorStatus status;
    private DoctorProfile profile;
    private Map<UUID, CredentialDocument> credentials = new LinkedHashMap<>();

    protected Doctor() {
        // for event sourcing
    }

    @CommandHandler
    public Doctor(OnboardDoctor command) {
        require(command.doctorId() != null, "doctorId", "is required");
        String email = email(command.email());
        DoctorProfile profile = ProfileRules.checked(command.profile());
        apply(new DoctorOnboarded(command.doctorId(), email, profile));
    }

    @CommandHandler
    public Doctor(ApplyAsDoctor command) {
        require(command.doctorId() != null, "doctorId", "is required");
        String email = email(command.email());
        DoctorProfile profile = ProfileRules.checked(command.profile());
        apply(new DoctorApplied(command.doctorId(), email, profile));
    }

    @CommandHandler
    public void handle(ApproveDoctor command) {
        if (!isPending()) {
            throw new DoctorNotPendingException(doctorId, status);
        }
        apply(new DoctorApproved(doctorId));
    }

    @CommandHandler
    public void handle(RejectDoctor command) {
        require(command.reason() != null && !command.reason().isBlank(), "reason", "is required");
        String reason = command.reason().strip();
        require(reason.length() <= LONGEST_REASON, "reason", "must be at most " + LONGEST_REASON + " characters");
        if (!isPending()) {
            throw new DoctorNotPendingException(doctorId, status);
        }
        apply(new DoctorRejected(doctorId, reason));
    }

    /** Answers with the whole profile after the change; a patch that changes nothing records nothing. */
    @CommandHandler
    public DoctorProfile handle(UpdateDoctorProfile command) {
        DoctorProfile updated = ProfileRules.patched(profile, command.patch());
        if (status == DoctorStatus.REJECTED) {
            throw new DoctorRejectedException(doctorId);
        }
        if (!updated.equals(profile)) {
            apply(new DoctorProfileUpdated(doctorId, updated));
        }
        return updated;
    }

    /** At most {@link UploadLimits#maxDocuments()} credential documents per doctor, application and profile alike. */
    @CommandHandler
    public void handle(AttachCredentials command, UploadLimits limits) {
        requireProfileOwner(command.requestedBy());
        require(command.documents() != null && !command.documents().isEmpty(), "documents", "are required");
        if (status == DoctorStatus.REJECTED) {
            throw new DoctorRejectedException(doctorId);
        }
        if (credentials.size() + command.documents().size() > limits.maxDocuments()) {
            throw new TooManyDocumentsException(limits.maxDocuments(), credentials.size());
        }
        apply(new CredentialsAttached(doctorId, List.copyOf(command.documents())));
    }

    @CommandHandler
    public void handle(ChangeProfilePhoto command) {
        requireProfileOwner(command.requestedBy());
        require(command.photo() != null && !command.photo().variants().isEmpty(), "photo", "is required");
        if (status == DoctorStatus.REJECTED) {
            throw new DoctorRejectedException(doctorId);
        }
        apply(new ProfilePhotoChanged(doctorId, command.photo()));
    }

    /** An admin's note per document, with the decision on the application; each names one of the documents. */
    @CommandHandler
    public void handle(NoteCredentials command) {
        if (command.requestedBy() == null || !command.requestedBy().is(Role.ADMIN)) {
            throw new NotYourProfileException(doctorId);
        }
        List<CredentialNote> notes = command.notes() == null ? List.of() : command.notes();
        for (int i = 0; i < notes.size(); i++) {
            CredentialNote note = notes.get(i);
            String field = "documentNotes[" + i + "]";
            require(note != null && note.documentId() != null && credentials.containsKey(note.documentId()),
                    field + ".documentId", "is not one of this doctor's documents");
            require(note.note() != null && !note.note().isBlank(), field + ".note", "is required");
            require(note.note().length() <= LONGEST_REASON, field + ".note",
                    "must be at most " + LONGEST_REASON + " characters");
        }
        if (!notes.isEmpty()) {
            apply(new CredentialsReviewed(doctorId, List.copyOf(notes)));
        }
    }

    /** Only the doctor and admins read a credential, and every reading is recorded (the audit trail shows it). */
    @CommandHandler
    public CredentialDocument handle(RecordCredentialDownload command) {
        requireProfileOwner(command.requestedBy());
        CredentialDocument document = credentials.get(command.documentId());
        if (document == null) {
            throw new UnknownDocumentException(doctorId, command.documentId());
        }
        apply(new CredentialDownloaded(doctorId, document.documentId()));
        return document;
    }

    /** The fee in the doctor's profile (null when none), read by payments when a slot of this doctor is held. */
    public BigDecimal fee() {
        return profile == null ? null : profile.fee();
    }

    @EventSourcingHandler
    void on(CredentialsAttached event) {
        event.documents().forEach(document -> credentials.put(document.documentId(), document));
    }

    @EventSourcingHandler
    void on(DoctorOnboarded event) {
        doctorId = event.doctorId();
        profile = event.profile();
        status = DoctorStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(DoctorApplied event) {
        doctorId = event.doctorId();
        profile = event.profile();
        status = DoctorStatus.PENDING;
    }

    @EventSourcingHandler
    void on(DoctorApproved event) {
        status = DoctorStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(DoctorRejected event) {
        status = DoctorStatus.REJECTED;
    }

    @EventSourcingHandler
    void on(DoctorProfileUpdated event) {
        profile = event.profile();
    }

    /** The IANA zone in which an active doctor's hours are expressed; null while pending or once rejected. */
    String activeTimeZone() {
        return status == DoctorStatus.ACTIVE ? profile.timeZone() : null;
    }

    private void requireProfileOwner(Actor actor) {
        if (actor == null || !(actor.is(Role.ADMIN) || actor.is(Role.DOCTOR) && actor.isAccount(doctorId))) {
            throw new NotYourProfileException(doctorId);
        }
    }

    private boolean isPending() {
        return status == DoctorStatus.PENDING;
    }

    /** Plausible, not proven: the invite mail proves it. Lower-cased, so one address is one spelling. */
    private static String email(String email) {
        require(email != null && !email.isBlank(), "email", "is required");
        String address = email.strip().toLowerCase(Locale.ROOT);
        int at = address.indexOf('@');
        require(address.length() <= LONGEST_EMAIL, "email", "must be at most " + LONGEST_EMAIL + " characters");
        require(at > 0 && at == address.lastIndexOf('@') && at < address.length() - 1
                && address.chars().noneMatch(Character::isWhitespace), "email", "must be an email address");
        return address;
    }

    private static void require(boolean rule, String field, String message) {
        if (!rule) {
            throw new InvalidDoctorException(field, message);
        }
    }
}
