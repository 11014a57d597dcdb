package com.careslot.notification.recipient;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.careslot.api.doctor.DoctorApplied;
import com.careslot.api.doctor.DoctorOnboarded;
import com.careslot.api.doctor.DoctorProfile;
import com.careslot.api.doctor.DoctorProfileUpdated;
import com.careslot.api.patient.PatientRegistered;
import com.careslot.api.patient.PersonalDataErased;
import com.careslot.api.privacy.PersonalData;
import com.careslot.notification.mail.WaitingMails;

/**
 * The notification projector's own directory of patients and doctors (email, name, doctor's time zone), fed by their
 * registration events: slot events carry no personal data, so the mails look their recipients up here. Upserts only,
 * so a replay rebuilds it exactly.
 */
@Component
@ProcessingGroup("notification-recipients")
public class RecipientDirectory {

    private final JdbcClient jdbc;
    private final WaitingMails waitingMails;

    RecipientDirectory(JdbcClient jdbc, WaitingMails waitingMails) {
        this.jdbc = jdbc;
        this.waitingMails = waitingMails;
    }

    @EventHandler
    void on(PatientRegistered event) {
        upsert(event.patientId(), "PATIENT", event.email(), event.fullName(), null);
    }

    /**
     * The patient's address and name read as erased, here and in the mail log's copies of them: no mail can reach them
     * any more, and none of their data is left in this service.
     */
    @EventHandler
    void on(PersonalDataErased event) {
        // The recipient's row is locked first: a mail being sent to or about them meanwhile (MailLog.sent) locks it
        // too, so its log row is written either before this scrub or after it, seeing them erased.
        Optional<String> name = jdbc.sql("select full_name from notification.recipient where account_id = ? for update")
                .param(event.patientId()).query(String.class).optional()
                .filter(fullName -> !fullName.isBlank() && !PersonalData.ERASED.equals(fullName));
        jdbc.sql("update notification.recipient set email = ?, full_name = ? where account_id = ?")
                .params(PersonalData.ERASED, PersonalData.ERASED, event.patientId()).update();
        // mails to others (the doctor's "New appointment: <name>") name the patient in their subject
        name.ifPresent(fullName -> jdbc.sql("""
                        update notification.mail_log set subject = replace(subject, ?, ?)
                        where strpos(subject, ?) > 0""")
                .params(fullName, PersonalData.ERASED, fullName).update());
        jdbc.sql("update notification.mail_log set recipient_email = ? where recipient_id = ?")
                .params(PersonalData.ERASED, event.patientId()).update();
        // the outbox: mails to them will never go, and a letter that failed for good keeps no words about them
        jdbc.sql("""
                        update notification.mail_log set status = 'SKIPPED', details = null, claimed_until = null,
                                                         updated_at = now()
                        where status <> 'SENT'
                          and (recipient_id = ? or (status = 'DEAD_LETTERED' and details ->> 'patientId' = ?))""")
                .params(event.patientId(), event.patientId().toString()).update();
    }

    @EventHandler
    void on(DoctorOnboarded event) {
        doctor(event.doctorId(), event.email(), event.profile());
    }

    @EventHandler
    void on(DoctorApplied event) {
        doctor(event.doctorId(), event.email(), event.profile());
    }

    @EventHandler
    void on(DoctorProfileUpdated event) {
        jdbc.sql("update notification.recipient set full_name = ?, time_zone = ? where account_id = ?")
                .params(event.profile().fullName(), event.profile().timeZone(), event.doctorId())
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("delete from notification.recipient").update();
    }

    public Optional<Recipient> find(UUID accountId) {
        return jdbc.sql("select account_id, role, email, full_name, time_zone from notification.recipient"
                        + " where account_id = ?")
                .param(accountId)
                .query((row, n) -> new Recipient(row.getObject("account_id", UUID.class), row.getString("role"),
                        row.getString("email"), row.getString("full_name"), row.getString("time_zone")))
                .optional();
    }

    /** The patients and doctors among these accounts. */
    public List<Recipient> findAll(Collection<UUID> accountIds) {
        if (accountIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select account_id, role, email, full_name, time_zone from notification.recipient"
                        + " where account_id in (:ids)")
                .param("ids", List.copyOf(accountIds))
                .query(RecipientDirectory::recipient).list();
    }

    /** Patients and doctors whose name contains the text (ignoring case), by name, at most {@code limit}. */
    public List<Recipient> search(String text, int limit) {
        String pattern = "%" + text.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql("select account_id, role, email, full_name, time_zone from notification.recipient"
                        + " where lower(full_name) like :text order by lower(full_name), account_id limit :limit")
                .param("text", pattern).param("limit", limit)
                .query(RecipientDirectory::recipient).list();
    }

    private static Recipient recipient(java.sql.ResultSet row, int n) throws java.sql.SQLException {
        return new Recipient(row.getObject("account_id", UUID.class), row.getString("role"), row.getString("email"),
                row.getString("full_name"), row.getString("time_zone"));
    }

    private void doctor(UUID doctorId, String email, DoctorProfile profile) {
        upsert(doctorId, "DOCTOR", email, profile.fullName(), profile.timeZone());
    }

    private void upsert(UUID accountId, String role, String email, String fullName, String timeZone) {
        jdbc.sql("""
                        insert into notification.recipient (account_id, role, email, full_name, time_zone)
                        values (?, ?, ?, ?, ?)
                        on conflict (account_id) do update set role = excluded.role, email = excluded.email,
                            full_name = excluded.full_name, time_zone = excluded.time_zone""")
                .params(accountId, role, email, fullName, timeZone)
                .update();
        waitingMails.known(accountId);
    }
}
