package com.careslot.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The benchmark's own data, made through the public API as users make it: the admin onboards doctors (invitations
 * read from the caught mail, {@code GET /api/dev/mail}), doctors accept and publish a recurring availability,
 * patients sign up, prove their email with the mailed code and sign in.
 */
final class Fixtures {

    static final String PASSWORD = "bench-password-123";
    static final List<String> SPECIALIZATIONS = List.of("Cardiology", "Dermatology", "Pediatrics", "Neurology",
            "Oncology", "Orthopedics", "Psychiatry", "Radiology", "Urology", "Ophthalmology", "Gastroenterology",
            "Endocrinology", "Nephrology", "Pulmonology", "Rheumatology", "Hematology", "Gynecology",
            "Otolaryngology", "Allergology", "General practice");
    static final List<String> GIVEN = List.of("Ana", "Jonas", "Maya", "Omar", "Lena", "Tariq", "Sofia", "Marek",
            "Ines", "Kenji", "Amara", "Lucas", "Nadia", "Piotr", "Elif", "Rafael", "Hana", "Emeka", "Clara", "Yusuf");
    static final List<String> FAMILY = List.of("Silva", "Weber", "Chen", "Haddad", "Novak", "Okafor", "Rossi",
            "Kowalski", "Dubois", "Tanaka", "Mensah", "Larsen", "Ivanova", "Moreau", "Yilmaz", "Costa", "Fischer",
            "Nakamura", "Petrov", "Lindqvist", "Garcia", "Schmidt", "Kaur", "Osei", "Bauer");
    /** Daily 08:00–20:00 UTC in 15-minute slots: 48 a day, every bench doctor on the same grid. */
    static final int SLOTS_PER_DAY = 48;
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    private static final Pattern INVITE = Pattern.compile("token=([A-Za-z0-9_\\-]+)");

    record Slot(UUID slotId, UUID doctorId, Instant start) {
    }

    record Patient(UUID patientId, String email, String token) {
    }

    record Doctor(UUID doctorId, String fullName, String specialization) {
    }

    private final Api api;
    private final AtomicInteger emails = new AtomicInteger();
    private String adminToken;
    final List<Doctor> benchDoctors = Collections.synchronizedList(new ArrayList<>());
    final List<Doctor> directoryDoctors = Collections.synchronizedList(new ArrayList<>());

    Fixtures(Api api) {
        this.api = api;
    }

    String signInAdmin() {
        adminToken = api.post("/api/auth/login", null, Map.of("email", Standalone.ADMIN_EMAIL,
                "password", Standalone.ADMIN_PASSWORD)).expect(200).json().get("accessToken").asText();
        return adminToken;
    }

    Doctor onboard(int n, String role) {
        String name = "Dr. " + GIVEN.get(n % GIVEN.size()) + " " + FAMILY.get((n / GIVEN.size()) % FAMILY.size())
                + String.format(" %04d", n);
        String specialization = SPECIALIZATIONS.get(n % SPECIALIZATIONS.size());
        JsonNode created = api.post("/api/admin/doctors", adminToken, Map.of("email", role + n + "@bench.careslot",
                "fullName", name, "specialization", specialization, "timeZone", "UTC", "yearsOfExperience", 5 + n % 30,
                "fee", 60 + n % 90, "bio", "Benchmark doctor.")).expect(201).json();
        return new Doctor(UUID.fromString(created.get("doctorId").asText()), name, specialization);
    }

    /**
     * A bench doctor: onboarded, invitation accepted, signed in, and a daily availability published over
     * {@code days} days from tomorrow. Answers the doctor's slots in start order.
     */
    List<Slot> benchDoctor(int n, int days) {
        Doctor doctor = onboard(n, "bench-doctor-");
        String email = "bench-doctor-" + n + "@bench.careslot";
        api.post("/api/auth/accept-invite", null, Map.of("token", mailed(email, INVITE), "password", PASSWORD))
                .expect(204);
        String token = signIn(email);
        LocalDate from = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        int opened = api.post("/api/doctors/" + doctor.doctorId() + "/availability", token, Map.of(
                "rrule", "FREQ=DAILY", "startTime", "08:00", "endTime", "20:00", "slotMinutes", 15,
                "validFrom", from.toString(), "validUntil", from.plusDays(days - 1).toString()))
                .expect(201).json().get("slotsOpened").asInt();
        benchDoctors.add(doctor);
        return freeSlots(doctor.doctorId(), opened);
    }

    /** The doctor's free slots as the read API lists them, waiting (bounded) until all {@code expected} are there. */
    List<Slot> freeSlots(UUID doctorId, int expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            List<Slot> slots = new ArrayList<>();
            for (int page = 0; ; page++) {
                JsonNode items = api.get("/api/slots?status=FREE&size=500&page=" + page + "&doctorId=" + doctorId,
                        null).expect(200).json().get("items");
                items.forEach(item -> slots.add(new Slot(UUID.fromString(item.get("slotId").asText()), doctorId,
                        Instant.parse(item.get("start").asText()))));
                if (items.size() < 500) {
                    break;
                }
            }
            if (slots.size() >= expected) {
                return slots;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + slots.size() + " of " + expected + " slots of doctor "
                        + doctorId + " became readable");
            }
            Standalone.pause(100);
        }
    }

    /** {@code count} verified, signed-in patients, signed up in batches of concurrent requests. */
    List<Patient> patients(int count, int threads) {
        List<Patient> patients = Collections.synchronizedList(new ArrayList<>());
        int batch = 250;
        for (int from = 0; from < count; from += batch) {
            int size = Math.min(batch, count - from);
            Map<String, UUID> registered = new ConcurrentHashMap<>();
            Parallel.run(threads, size, i -> {
                String email = "bench-patient-" + emails.incrementAndGet() + "@bench.careslot";
                JsonNode account = api.post("/api/auth/register", null, Map.of("email", email, "password", PASSWORD,
                        "fullName", GIVEN.get(i % GIVEN.size()) + " " + FAMILY.get(i % FAMILY.size()))).expect(201)
                        .json();
                registered.put(email, UUID.fromString(account.get("accountId").asText()));
            });
            Map<String, String> codes = newestMatches(CODE);
            List<String> emailsOfBatch = new ArrayList<>(registered.keySet());
            Parallel.run(threads, emailsOfBatch.size(), i -> {
                String email = emailsOfBatch.get(i);
                String code = codes.get(email);
                if (code == null) {
                    code = mailed(email, CODE);
                }
                api.post("/api/auth/verify", null, Map.of("email", email, "code", code)).expect(200);
                patients.add(new Patient(registered.get(email), email, signIn(email)));
            });
        }
        return new ArrayList<>(patients);
    }

    String signIn(String email) {
        return api.post("/api/auth/login", null, Map.of("email", email, "password", PASSWORD)).expect(200).json()
                .get("accessToken").asText();
    }

    /** The newest match of {@code pattern} in the mail caught for each recipient (one read of all caught mail). */
    private Map<String, String> newestMatches(Pattern pattern) {
        Map<String, String> found = new HashMap<>();
        for (JsonNode item : api.get("/api/dev/mail", null).expect(200).json().path("items")) {
            Matcher matcher = pattern.matcher(item.path("text").asText());
            if (matcher.find()) {
                found.putIfAbsent(item.path("to").asText().toLowerCase(), matcher.group(1));
            }
        }
        return found;
    }

    /** The newest match in the mail caught for one address, waiting up to 30 seconds for it to arrive. */
    private String mailed(String email, Pattern pattern) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode item : api.get("/api/dev/mail?to=" + email, null).expect(200).json().path("items")) {
                Matcher matcher = pattern.matcher(item.path("text").asText());
                if (matcher.find()) {
                    return matcher.group(1);
                }
            }
            Standalone.pause(100);
        }
        throw new IllegalStateException("no mail to " + email + " arrived");
    }
}
