package com.careslot;

import static com.careslot.Calendar.BOOK;
import static com.careslot.Calendar.openSlot;
import static com.careslot.Calendar.slotJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;
import com.fasterxml.jackson.databind.JsonNode;

import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

/**
 * Issue 7: the appointment mails over real SMTP (the embedded GreenMail), read back as their recipients would, with
 * their iCalendar invites parsed by ical4j. Times are in the doctor's zone (the test doctors are in Europe/Berlin).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AppointmentMailTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final String CLINIC = "Careslot Clinic";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    HttpJson api;
    TestAccounts accounts;
    Mailbox mailbox;
    TestAccounts.Session doctor;
    TestAccounts.Session patient;
    HttpJson asDoctor;
    HttpJson asPatient;

    @BeforeEach
    void signIn() {
        api = HttpJson.onPort(port);
        accounts = new TestAccounts(api);
        mailbox = new Mailbox(api);
        doctor = accounts.doctor("Cardiology");
        asDoctor = api.as(doctor.accessToken());
        patient = accounts.patient();
        asPatient = api.as(patient.accessToken());
    }

    @Test
    void aBookingMailsThePatientAndTheDoctorAnInviteInTheDoctorsTimeZone() {
        String slotId = openSlot(asDoctor, doctor.accountId(), 9);
        Instant start = com.careslot.Calendar.tomorrowAt(9);
        String appointmentId = book(slotId);

        JsonNode toPatient = mailbox.awaitOne(patient.email(), "Appointment confirmed");
        assertThat(toPatient.get("subject").asText()).contains("Dr. Test", berlinTime(start));
        assertThat(toPatient.get("text").asText())
                .contains("Hello Pat Ient", "Dr. Test", CLINIC, whenInBerlin(start), "Europe/Berlin", appointmentId);
        assertThat(toPatient.get("attachments").get(0).get("filename").asText()).isEqualTo("invite.ics");
        Calendar invite = Mailbox.invite(toPatient);
        assertThat(method(invite)).isEqualTo("REQUEST");
        assertThat(event(invite).getUid().orElseThrow().getValue()).isEqualTo(appointmentId + "@careslot");
        assertThat(sequence(invite)).isZero();
        assertThat(event(invite).getStartDate().orElseThrow().getValue()).isEqualTo(ical(start));

        JsonNode toDoctor = mailbox.awaitOne(doctor.email(), "New appointment");
        assertThat(toDoctor.get("subject").asText()).contains("Pat Ient");
        assertThat(toDoctor.get("text").asText()).contains("Pat Ient", CLINIC, whenInBerlin(start));
        assertThat(event(Mailbox.invite(toDoctor)).getUid().orElseThrow().getValue())
                .isEqualTo(appointmentId + "@careslot");
    }

    @Test
    void aRescheduleSendsTheSameInviteWithAHigherSequenceAndNamesBothTimes() {
        String from = openSlot(asDoctor, doctor.accountId(), 10);
        String to = openSlot(asDoctor, doctor.accountId(), 12);
        String appointmentId = book(from);
        Calendar booked = Mailbox.invite(mailbox.awaitOne(patient.email(), "Appointment confirmed"));

        assertThat(asPatient.post("/api/slots/" + from + "/reschedule", "{\"toSlotId\":\"" + to + "\"}").status())
                .isEqualTo(200);

        Instant newStart = com.careslot.Calendar.tomorrowAt(12);
        JsonNode moved = mailbox.awaitOne(patient.email(), "Appointment moved");
        assertThat(moved.get("subject").asText()).contains(berlinTime(newStart), "Dr. Test");
        assertThat(moved.get("text").asText()).contains(whenInBerlin(newStart),
                "Was: " + whenInBerlin(com.careslot.Calendar.tomorrowAt(10)), CLINIC);
        Calendar update = Mailbox.invite(moved);
        assertThat(method(update)).isEqualTo("REQUEST");
        assertThat(event(update).getUid()).isEqualTo(event(booked).getUid());
        assertThat(event(update).getUid().orElseThrow().getValue()).isEqualTo(appointmentId + "@careslot");
        assertThat(sequence(update)).isGreaterThan(sequence(booked));
        assertThat(event(update).getStartDate().orElseThrow().getValue()).isEqualTo(ical(newStart));
        mailbox.awaitOne(doctor.email(), "Appointment moved");
    }

    @Test
    void aPatientsCancellationSaysWhoAndWhyAndCancelsTheInvite() {
        String slotId = openSlot(asDoctor, doctor.accountId(), 13);
        String appointmentId = book(slotId);
        Calendar booked = Mailbox.invite(mailbox.awaitOne(patient.email(), "Appointment confirmed"));

        asPatient.post("/api/slots/" + slotId + "/cancel", "{\"reason\":\"Feeling better <b>now</b>\"}");

        JsonNode toPatient = mailbox.awaitOne(patient.email(), "Appointment cancelled");
        assertThat(toPatient.get("text").asText()).contains("was cancelled by you",
                "Cancelled by: Pat Ient (patient)", "Reason: Feeling better <b>now</b>", CLINIC);
        Calendar cancel = Mailbox.invite(toPatient);
        assertThat(method(cancel)).isEqualTo("CANCEL");
        assertThat(event(cancel).getUid().orElseThrow().getValue()).isEqualTo(appointmentId + "@careslot");
        assertThat(sequence(cancel)).isGreaterThan(sequence(booked));
        assertThat(event(cancel).getProperty(Property.STATUS).orElseThrow().getValue()).isEqualTo("CANCELLED");

        JsonNode toDoctor = mailbox.awaitOne(doctor.email(), "Appointment cancelled");
        assertThat(toDoctor.get("text").asText()).contains("was cancelled by Pat Ient", "Feeling better");
        assertThat(mailbox.mails(patient.email(), "Cancelled by the doctor")).isEmpty();
    }

    @Test
    void aDoctorsCancellationIsItsOwnMailWithTheReason() {
        String slotId = openSlot(asDoctor, doctor.accountId(), 14);
        book(slotId);
        mailbox.awaitOne(patient.email(), "Appointment confirmed");

        asDoctor.post("/api/slots/" + slotId + "/cancel", "{\"reason\":\"Called away to surgery\"}");

        JsonNode toPatient = mailbox.awaitOne(patient.email(), "Cancelled by the doctor");
        assertThat(toPatient.get("subject").asText()).contains("Dr. Test", berlinTime(com.careslot.Calendar.tomorrowAt(14)));
        assertThat(toPatient.get("text").asText()).contains("Dr. Test had to cancel your appointment",
                "Reason: Called away to surgery", CLINIC, whenInBerlin(com.careslot.Calendar.tomorrowAt(14)));
        assertThat(method(Mailbox.invite(toPatient))).isEqualTo("CANCEL");
        assertThat(mailbox.awaitOne(doctor.email(), "Appointment cancelled").get("text").asText())
                .contains("was cancelled by you", "Called away to surgery");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(types(patient))
                .contains("CANCELLED_BY_DOCTOR").doesNotContain("CANCELLED"));
    }

    @Test
    void aBookingWithinTheReminderLeadGetsItsReminderOnceAndACancelledOneNone() {
        Instant soon = Instant.now().plus(Duration.ofMinutes(90)).truncatedTo(ChronoUnit.MINUTES);
        String slotId = slot(soon);
        Instant later = Instant.now().plus(Duration.ofMinutes(200)).truncatedTo(ChronoUnit.MINUTES);
        String laterSlot = slot(later);
        String cancelledAppointment = book(laterSlot);
        mailbox.awaitOne(patient.email(), "Appointment confirmed");
        asDoctor.post("/api/slots/" + laterSlot + "/cancel", "{\"reason\":\"Closed that afternoon\"}");
        mailbox.awaitOne(patient.email(), "Cancelled by the doctor");

        book(slotId);

        JsonNode reminder = mailbox.awaitOne(patient.email(), "Reminder");
        assertThat(reminder.get("subject").asText()).contains("Dr. Test", berlinTime(soon));
        assertThat(reminder.get("text").asText()).contains(whenInBerlin(soon), CLINIC, "Europe/Berlin");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> mailbox.mails(patient.email(), "Reminder").size() == 1);
        assertThat(jdbc.queryForObject("select status from notification.reminder where appointment_id = ?::uuid",
                String.class, cancelledAppointment)).isEqualTo("CANCELLED");
    }

    @Test
    void replayingTheMailProcessorSendsNothingAgain() {
        String slotId = openSlot(asDoctor, doctor.accountId(), 15);
        book(slotId);
        mailbox.awaitOne(patient.email(), "Appointment confirmed");
        mailbox.awaitOne(doctor.email(), "New appointment");
        int patientMails = mailbox.mails(patient.email(), "").size();
        int doctorMails = mailbox.mails(doctor.email(), "").size();
        long logged = loggedFor(patient, doctor);

        PooledStreamingEventProcessor mail = processing
                .eventProcessor("notification-mail", PooledStreamingEventProcessor.class).orElseThrow();
        mail.shutDown();
        mail.resetTokens(StreamableMessageSource::createTailToken);
        mail.start();
        // The replay ends once the processor passes the position it was reset at: one more booking takes it there.
        book(openSlot(asDoctor, doctor.accountId(), 16));
        long afterReplay = jdbc.queryForObject("select max(global_index) from event_store.domain_event_entry",
                Long.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> !mail.processingStatus().isEmpty()
                && mail.processingStatus().values().stream().allMatch(segment -> !segment.isReplaying()
                && segment.getCurrentPosition().orElse(0) >= afterReplay));

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(mailbox.mails(patient.email(), "")).hasSize(patientMails + 1);
            assertThat(mailbox.mails(doctor.email(), "")).hasSize(doctorMails + 1);
        });
        assertThat(mailbox.mails(patient.email(), "Appointment confirmed")).hasSize(2);
        assertThat(loggedFor(patient, doctor)).isEqualTo(logged + 2);
    }

    /**
     * Several senders share the outbox (careslot.notification.delivery.senders), each woken by the commit that
     * recorded a mail: a cancellation's mail, recorded while another sender still has the booking's, must not overtake
     * it. Each appointment's mails reach the patient in the order of its events.
     */
    @Test
    void severalSendersKeepEachAppointmentsMailsInTheOrderOfItsEvents() {
        java.util.List<String> appointments = new java.util.ArrayList<>();
        for (int hour = 6; hour < 18; hour++) {
            String slotId = openSlot(asDoctor, doctor.accountId(), hour);
            appointments.add(book(slotId));
            assertThat(asPatient.post("/api/slots/" + slotId + "/cancel", "{\"reason\":\"Changed my mind\"}")
                    .status()).isEqualTo(200);
        }
        java.util.List<JsonNode> received = await().atMost(Duration.ofSeconds(30))
                .until(() -> mailbox.mails(patient.email(), "Appointment"), mails -> mails.size() == 2 * appointments.size());
        java.util.Collections.reverse(received); // the catcher lists the newest first
        for (String appointment : appointments) {
            java.util.List<String> subjects = received.stream()
                    .filter(mail -> event(Mailbox.invite(mail)).getUid().orElseThrow().getValue()
                            .equals(appointment + "@careslot"))
                    .map(mail -> mail.get("subject").asText().replaceAll(":.*", "")).toList();
            assertThat(subjects).as("appointment %s, in the order received", appointment)
                    .containsExactly("Appointment confirmed", "Appointment cancelled");
        }
    }

    private long loggedFor(TestAccounts.Session... sessions) {
        long count = 0;
        for (TestAccounts.Session session : sessions) {
            count += jdbc.queryForObject("select count(*) from notification.mail_log where recipient_id = ?",
                    Long.class, session.accountId());
        }
        return count;
    }

    @Test
    void everyoneReadsTheirOwnNotificationsAndAnAdminTheStats() {
        String slotId = openSlot(asDoctor, doctor.accountId(), 16);
        book(slotId);
        mailbox.awaitOne(patient.email(), "Appointment confirmed");

        JsonNode mine = await().atMost(Duration.ofSeconds(10)).until(() -> asPatient.get("/api/notifications").json(),
                page -> page.path("items").size() == 1 && "SENT".equals(page.path("items").get(0).path("status").asText()));
        JsonNode notification = mine.get("items").get(0);
        assertThat(notification.get("type").asText()).isEqualTo("BOOKED");
        assertThat(notification.get("subject").asText()).startsWith("Appointment confirmed");
        assertThat(notification.has("createdAt")).isTrue();
        assertThat(notification.has("sentAt")).isTrue();
        assertThat(mine.get("totalItems").asLong()).isEqualTo(1);
        assertThat(asDoctor.get("/api/notifications").json().get("items").get(0).get("subject").asText())
                .startsWith("New appointment");
        assertThat(asPatient.get("/api/notifications?size=0").status()).isEqualTo(400);

        assertThat(asPatient.get("/api/admin/notifications/stats").status()).isEqualTo(403);
        HttpJson asAdmin = api.as(accounts.admin().accessToken());
        JsonNode stats = asAdmin.get("/api/admin/notifications/stats").json();
        JsonNode booked = null;
        for (JsonNode type : stats.get("byType")) {
            if ("BOOKED".equals(type.get("type").asText())) {
                booked = type;
            }
        }
        assertThat(booked).isNotNull();
        assertThat(booked.get("sent").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(booked.has("failed")).isTrue();
        assertThat(booked.has("pending")).isTrue();
        assertThat(booked.has("deadLettered")).isTrue();
        assertThat(stats.get("total").get("sent").asLong()).isGreaterThanOrEqualTo(booked.get("sent").asLong());
    }

    private String book(String slotId) {
        HttpJson.Response booked = asPatient.post("/api/slots/" + slotId + "/book", BOOK);
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        return booked.json().get("appointmentId").asText();
    }

    private String slot(Instant start) {
        HttpJson.Response created = asDoctor.post("/api/doctors/" + doctor.accountId() + "/slots",
                slotJson(start, start.plus(Duration.ofMinutes(30))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("slotId").asText();
    }

    private java.util.List<String> types(TestAccounts.Session session) {
        return api.as(session.accessToken()).get("/api/notifications").json().get("items").findValuesAsText("type");
    }

    static String whenInBerlin(Instant start) {
        ZonedDateTime local = start.atZone(BERLIN);
        return DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm", Locale.ENGLISH).format(local) + "–"
                + DateTimeFormatter.ofPattern("HH:mm").format(local.plusMinutes(30)) + " "
                + berlinOffset(local) + " (Europe/Berlin)";
    }

    static String berlinTime(Instant start) {
        ZonedDateTime local = start.atZone(BERLIN);
        return DateTimeFormatter.ofPattern("HH:mm").format(local) + " " + berlinOffset(local);
    }

    /** "GMT+1" in winter, "GMT+2" in summer: the offset, as the mails write it. */
    static String berlinOffset(ZonedDateTime local) {
        return "GMT+" + local.getOffset().getTotalSeconds() / 3600;
    }

    static String method(Calendar calendar) {
        return calendar.getProperty(Property.METHOD).orElseThrow().getValue();
    }

    static VEvent event(Calendar calendar) {
        return (VEvent) calendar.getComponent("VEVENT").orElseThrow();
    }

    static int sequence(Calendar calendar) {
        return Integer.parseInt(event(calendar).getProperty(Property.SEQUENCE).orElseThrow().getValue());
    }

    static String ical(Instant instant) {
        return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(instant.atZone(ZoneId.of("UTC")));
    }
}
