package com.careslot;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.careslot.platform.test.HttpJson;
import com.fasterxml.jackson.databind.JsonNode;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;

/** Reads the mail the embedded SMTP server caught, as a user of /api/dev/mail would. */
final class Mailbox {

    private final HttpJson api;

    Mailbox(HttpJson api) {
        this.api = api;
    }

    /** Every mail to {@code email} whose subject starts with {@code subjectPrefix}, newest first. */
    List<JsonNode> mails(String email, String subjectPrefix) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode mail : api.get("/api/dev/mail?to=" + email).json().path("items")) {
            if (mail.path("subject").asText().startsWith(subjectPrefix)) {
                found.add(mail);
            }
        }
        return found;
    }

    /** Waits for the one mail to {@code email} with that subject prefix, and answers it. */
    JsonNode awaitOne(String email, String subjectPrefix) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .alias("a mail \"" + subjectPrefix + "…\" to " + email)
                .until(() -> mails(email, subjectPrefix), mails -> mails.size() == 1).get(0);
    }

    /** The mail's calendar invite, parsed with ical4j. */
    static Calendar invite(JsonNode mail) {
        for (JsonNode attachment : mail.path("attachments")) {
            if (attachment.path("filename").asText().endsWith(".ics")) {
                try {
                    return new CalendarBuilder().build(new StringReader(attachment.path("content").asText()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (ParserException e) {
                    throw new AssertionError("Not an iCalendar file: " + attachment.path("content").asText(), e);
                }
            }
        }
        throw new AssertionError("No .ics attachment in " + mail);
    }
}
