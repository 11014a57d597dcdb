package com.careslot.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.careslot.notification.recipient.Recipient;

import jakarta.mail.internet.MimeMessage;

class MailDeliveryTest {

    private final MailDelivery delivery = new MailDelivery(null, null, null, null, null, null, null,
            "Careslot <no-reply@careslot.local>");
    private final Recipient patient = new Recipient(UUID.randomUUID(), "PATIENT", "ana@example.com", "Ana Lima",
            "Europe/Lisbon");
    private final Mail booked = new Mail("Booked", "Your appointment", "<p>Your appointment</p>",
            new Mail.Invite("appointment.ics", "REQUEST", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"));

    @Test
    void buildingAMailDoesNotScanTheClassPathForMimeTypes() throws Exception {
        write(delivery.mime("slot-booked-1", patient, booked));
        ClassLoader original = Thread.currentThread().getContextClassLoader();
        CountingClassLoader counting = new CountingClassLoader(original);
        Thread.currentThread().setContextClassLoader(counting);
        try {
            for (int i = 0; i < 3; i++) {
                write(delivery.mime("slot-booked-" + i, patient, booked));
            }
        } finally {
            Thread.currentThread().setContextClassLoader(original);
        }
        assertThat(counting.mimeTypesLookups).hasValue(0);
    }

    @Test
    void theMailKeepsItsPartsAndItsFixedMessageId() throws Exception {
        MimeMessage message = delivery.mime("slot-booked-7", patient, booked);
        String raw = write(message);
        assertThat(message.getMessageID()).isEqualTo("<slot-booked-7." + patient.accountId() + "@careslot>");
        assertThat(raw).contains("Your appointment", "text/calendar; charset=UTF-8; method=REQUEST",
                "appointment.ics");
    }

    private static String write(MimeMessage message) throws Exception {
        message.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Counts the look-ups of {@code META-INF/mime.types}, which scan every jar of the class path. */
    private static final class CountingClassLoader extends ClassLoader {

        final AtomicInteger mimeTypesLookups = new AtomicInteger();

        CountingClassLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            if (name.endsWith("mime.types")) {
                mimeTypesLookups.incrementAndGet();
            }
            return super.getResources(name);
        }

        @Override
        public URL getResource(String name) {
            if (name.endsWith("mime.types")) {
                mimeTypesLookups.incrementAndGet();
            }
            return super.getResource(name);
        }
    }
}
