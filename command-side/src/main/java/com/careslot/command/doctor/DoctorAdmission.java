package com.careslot.command.doctor;

import java.util.List;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;

import com.careslot.api.account.Actor;
import com.careslot.api.account.Role;

import com.careslot.api.doctor.ApplyAsDoctor;
import com.careslot.api.doctor.ApproveDoctor;
import com.careslot.api.doctor.CredentialNote;
import com.careslot.api.doctor.DoctorProfile;
import com.careslot.api.doctor.OnboardDoctor;
import com.careslot.api.doctor.RejectDoctor;
import com.careslot.command.account.DoctorAccounts;

/**
 * How doctors come in: onboarded by an admin (active at once, invited to set a password) or applying themselves
 * (pending until an admin approves or rejects). The doctor's event and its account row commit together.
 */
@Component
class DoctorAdmission {

    private final CommandGateway commandGateway;
    private final DoctorAccounts accounts;
    private final DoctorFiles files;

    DoctorAdmission(CommandGateway commandGateway, DoctorAccounts accounts, DoctorFiles files) {
        this.commandGateway = commandGateway;
        this.accounts = accounts;
        this.files = files;
    }

    @Transactional
    UUID onboard(String email, DoctorProfile profile) {
        UUID doctorId = UUID.randomUUID();
        commandGateway.sendAndWait(new OnboardDoctor(doctorId, email, profile));
        accounts.invite(doctorId, email);
        return doctorId;
    }

    @Transactional
    UUID apply(String email, String password, DoctorProfile profile) {
        UUID doctorId = UUID.randomUUID();
        commandGateway.sendAndWait(new ApplyAsDoctor(doctorId, email, profile));
        accounts.applicant(doctorId, email, password);
        return doctorId;
    }

    /** An application with its credential documents and photo: all of it committed together, or none. */
    @Transactional
    UUID applyWithFiles(String email, String password, DoctorProfile profile, List<MultipartFile> documents,
                        MultipartFile photo) {
        files.check(documents, photo);
        UUID doctorId = apply(email, password, profile);
        Actor applicant = new Actor(doctorId, Role.DOCTOR);
        if (!documents.isEmpty()) {
            files.attach(doctorId, documents, applicant);
        }
        if (photo != null && !photo.isEmpty()) {
            files.changePhoto(doctorId, photo, applicant);
        }
        return doctorId;
    }

    @Transactional
    void approve(UUID doctorId, List<CredentialNote> notes, Actor admin) {
        commandGateway.sendAndWait(new ApproveDoctor(doctorId));
        accounts.approved(doctorId);
        if (!notes.isEmpty()) {
            files.note(doctorId, notes, admin);
        }
    }

    @Transactional
    void reject(UUID doctorId, String reason, List<CredentialNote> notes, Actor admin) {
        commandGateway.sendAndWait(new RejectDoctor(doctorId, reason));
        accounts.rejected(doctorId);
        if (!notes.isEmpty()) {
            files.note(doctorId, notes, admin);
        }
    }
}
