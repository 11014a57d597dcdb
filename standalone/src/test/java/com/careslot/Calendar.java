package com.careslot;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.careslot.platform.test.HttpJson;

/** Arranges slots through the public API, as a doctor's client would. */
public final class Calendar {

    private Calendar() {
    }

    static Instant tomorrowAt(int hour) {
        return Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)).plus(Duration.ofHours(hour));
    }

    static String slotJson(Instant start, Instant end) {
        return "{\"start\":\"" + start + "\",\"end\":\"" + end + "\"}";
    }

    /** A booking names no patient: the patient is whoever is signed in. */
    public static final String BOOK = "{}";

    /** Opens a 30-minute slot tomorrow for {@code doctorId}, as that doctor (or an admin), and answers its id. */
    public static String openSlot(HttpJson api, UUID doctorId, int hour) {
        Instant start = tomorrowAt(hour);
        HttpJson.Response created = api.post("/api/doctors/" + doctorId + "/slots",
                slotJson(start, start.plus(Duration.ofMinutes(30))));
        if (created.status() != 201) {
            throw new AssertionError("Could not open a slot: " + created);
        }
        return created.json().get("slotId").asText();
    }
}
