package com.careslot.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.careslot.notification.recipient.Recipient;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

/** The words of the mails and their invites, without SMTP: escaping, time zones, iTIP methods. */
class AppointmentMailsTest {

    static final Instant START = Instant.parse("2030-07-01T08:00:00Z");
    static final Instant STAMP = Instant.parse("2030-06-01T12:00:00Z");

    final AppointmentMails mails = new AppointmentMails("Clinic <Sunny> & Co", "Front desk <desk@clinic.example>");
    final Recipient patient = new Recipient(UUID.randomUUID(), "PATIENT", "pat@example.org", "Pat <Doe>", null);
    final Recipient doctor = new Recipient(UUID.randomUUID(), "DOCTOR", "ana@clinic.example", "Dr. Ana Silva",
            "America/New_York");
    final Parties parties = new Parties(patient, doctor);
    final AppointmentMailState booked = new AppointmentMailState(UUID.randomUUID(), UUID.randomUUID(),
            doctor.accountId(), patient.accountId(), START, START.plus(Duration.ofMinutes(30)), null, null, "BOOKED", 0);

    @Test
    void timesAreWrittenInTheDoctorsZoneWithItsOffsetAndRegion() {
        Mail mail = mails.booked(patient, parties, booked, STAMP);

        assertThat(mail.subject()).isEqualTo("Appointment confirmed: Dr. Ana Silva, Mon 1 Jul 2030, 04:00 GMT-4");
        assertThat(mail.text()).contains("When: Monday 1 July 2030, 04:00–04:30 GMT-4 (America/New_York)",
                "Where: Clinic <Sunny> & Co");
        assertThat(AppointmentMails.brief(START, ZoneId.of("Asia/Kolkata"))).isEqualTo("Mon 1 Jul 2030, 13:30 GMT+5:30");
        assertThat(AppointmentMails.brief(START, ZoneId.of("UTC"))).isEqualTo("Mon 1 Jul 2030, 08:00 GMT");
    }

    /**
     * Eight threads write the times of every zone the JVM knows at once, each zone new to them together: every thread
     * must write the same words. Zone abbreviations (pattern {@code zzz}) failed this on Java 17 — for a dozen zones a
     * run, some threads wrote "CAT" and others "GMT+02:00" — and the live mail log then disagreed with its replay.
     */
    @Test
    void everyThreadWritesTheSameTimeForTheSameZone() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            for (String id : new TreeSet<>(ZoneId.getAvailableZoneIds())) {
                ZoneId zone = ZoneId.of(id);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<String>> words = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    words.add(threads.submit(() -> {
                        go.await();
                        return AppointmentMails.brief(START, zone) + " / "
                                + AppointmentMails.when(START, START.plus(Duration.ofMinutes(30)), zone);
                    }));
                }
                go.countDown();
                Set<String> written = new HashSet<>();
                for (Future<String> word : words) {
                    written.add(word.get());
                }
                assertThat(written).as(id).hasSize(1);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theHtmlPartEscapesEveryValue() {
        Mail mail = mails.cancelled(doctor, parties, booked,
                new AppointmentMails.Cancellation("PATIENT", "<script>alert(1)</script>"), STAMP);

        assertThat(mail.html()).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "Pat &lt;Doe&gt;",
                "Clinic &lt;Sunny&gt; &amp; Co").doesNotContain("<script>", "<Doe>");
        assertThat(mail.text()).contains("Reason: <script>alert(1)</script>", "was cancelled by Pat <Doe>");
    }

    @Test
    void aRequestAndItsCancellationShareTheUidAndTheCancellationHasTheHigherSequence() throws Exception {
        Calendar request = parse(mails.booked(patient, parties, booked, STAMP).invite().ics());
        AppointmentMailState cancelledState = new AppointmentMailState(booked.appointmentId(), booked.slotId(),
                booked.doctorId(), booked.patientId(), booked.start(), booked.end(), null, null, "CANCELLED", 1);
        Mail.Invite cancelInvite = mails.cancelled(patient, parties, cancelledState,
                new AppointmentMails.Cancellation("DOCTOR", "Ill"), STAMP).invite();
        Calendar cancel = parse(cancelInvite.ics());

        assertThat(cancelInvite.method()).isEqualTo("CANCEL");
        assertThat(request.getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo("REQUEST");
        assertThat(cancel.getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo("CANCEL");
        VEvent requested = request.getComponent("VEVENT").map(VEvent.class::cast).orElseThrow();
        VEvent cancelled = cancel.getComponent("VEVENT").map(VEvent.class::cast).orElseThrow();
        assertThat(cancelled.getUid()).isEqualTo(requested.getUid());
        assertThat(requested.getUid().orElseThrow().getValue()).isEqualTo(booked.appointmentId() + "@careslot");
        assertThat(requested.getProperty(Property.SEQUENCE).orElseThrow().getValue()).isEqualTo("0");
        assertThat(cancelled.getProperty(Property.SEQUENCE).orElseThrow().getValue()).isEqualTo("1");
        assertThat(cancelled.getProperty(Property.STATUS).orElseThrow().getValue()).isEqualTo("CANCELLED");
        assertThat(requested.getStartDate().orElseThrow().getValue()).isEqualTo("20300701T080000Z");
        assertThat(requested.getProperty(Property.ORGANIZER).orElseThrow().getValue())
                .isEqualTo("mailto:desk@clinic.example");
    }

    @Test
    void retriesWaitTheInitialBackoffThenTwiceAsLongEachTime() {
        NotificationSettings.Retry retry = new NotificationSettings.Retry(5, Duration.ofMinutes(1),
                Duration.ofSeconds(10));

        assertThat(retry.backoffAfter(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(retry.backoffAfter(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(retry.backoffAfter(4)).isEqualTo(Duration.ofMinutes(8));
        assertThat(retry.exhausted(4)).isFalse();
        assertThat(retry.exhausted(5)).isTrue();
    }

    private static Calendar parse(String ics) throws Exception {
        return new CalendarBuilder().build(new StringReader(ics));
    }
}
