package com.careslot.demo;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Something to look at on a first run ({@code --demo}): a few doctors across specializations with a fortnight of
 * availability, patients and some bookings, all made through the public HTTP API exactly as the pages make them
 * (sign-up codes and invitations are read from the caught mail, so this needs the embedded mail catcher). A second
 * start with {@code --demo} finds the demo accounts and only prints the sign-ins again.
 */
@Component
@ConditionalOnProperty(name = "careslot.demo", havingValue = "true")
public class DemoData {

    static final String PASSWORD = "demo-password-123";
    /** The admin of a demo run when none is configured (CARESLOT_ADMIN_EMAIL / CARESLOT_ADMIN_PASSWORD win). */
    public static final String ADMIN_EMAIL = "admin@careslot.local";
    public static final String ADMIN_PASSWORD = "demo-admin-password";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    private static final Pattern INVITE = Pattern.compile("token=([A-Za-z0-9_\\-]+)");

    private record DemoDoctor(String email, String fullName, String specialization, String timeZone, String days,
                              String from, String until, int years, int fee, List<String> qualifications, String bio) {
    }

    private static final List<DemoDoctor> DOCTORS = List.of(
            new DemoDoctor("ana.silva@demo.careslot", "Dr. Ana Silva", "Cardiology", "Europe/Lisbon", "MO,TU,WE,TH,FR",
                    "09:00", "12:00", 18, 120, List.of("MD", "PhD", "FESC"),
                    "Heart rhythm and heart failure; unhurried first consultations."),
            new DemoDoctor("jonas.weber@demo.careslot", "Dr. Jonas Weber", "Dermatology", "Europe/Berlin", "MO,WE,FR",
                    "13:00", "17:00", 9, 90, List.of("Dr. med.", "Board-certified dermatologist"),
                    "Skin checks, acne and eczema, for adults and teenagers."),
            new DemoDoctor("maya.chen@demo.careslot", "Dr. Maya Chen", "Pediatrics", "America/New_York", "TU,TH",
                    "08:30", "12:30", 12, 80, List.of("MD", "FAAP"),
                    "Children from birth to 16: check-ups, vaccinations and the questions parents bring."),
            new DemoDoctor("omar.haddad@demo.careslot", "Dr. Omar Haddad", "General practice", "Europe/London",
                    "MO,TU,WE,TH,FR", "14:00", "18:00", 21, 60, List.of("MBBS", "MRCGP"),
                    "Family doctor for every age; long-term conditions and travel advice."));
    private static final List<String[]> PATIENTS = List.of(
            new String[] {"pat.doe@demo.careslot", "Pat Doe", "+1 212 555 0101"},
            new String[] {"sam.lee@demo.careslot", "Sam Lee", "+44 20 7946 0102"},
            new String[] {"kim.novak@demo.careslot", "Kim Novak", "+49 30 1234 5603"});
    static final String AUDITOR = "audrey.auditor@demo.careslot";
    static final String RECEPTIONIST = "rita.desk@demo.careslot";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json;
    private final String adminEmail;
    private final String adminPassword;
    private String base;

    DemoData(ObjectMapper json, @Value("${careslot.admin.email:}") String adminEmail,
             @Value("${careslot.admin.password:}") String adminPassword) {
        this.json = json;
        this.adminEmail = adminEmail;
        this.adminPassword = adminPassword;
    }

    /** Whether this run asks for the demo: {@code --demo} on the command line or {@code CARESLOT_DEMO=true}. */
    public static boolean requested(String[] args) {
        return java.util.Arrays.asList(args).contains("--demo") || "true".equalsIgnoreCase(System.getenv("CARESLOT_DEMO"));
    }

    /** Runs before the standalone says it is running, so that every sign-in printed works at once. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void seed(ApplicationReadyEvent ready) {
        base = "http://127.0.0.1:" + ready.getApplicationContext().getEnvironment().getProperty("local.server.port");
        try {
            if (login(PATIENTS.get(0)[0], PASSWORD) == null) {
                create();
            } else {
                log.info("Demo data is there already.");
            }
        } catch (RuntimeException | IOException e) {
            log.warn("Could not seed the demo data: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void create() throws IOException, InterruptedException {
        String admin = login(adminEmail, adminPassword);
        if (admin == null) {
            throw new IllegalStateException("the admin " + adminEmail + " cannot sign in with the configured password "
                    + "(set CARESLOT_ADMIN_EMAIL and CARESLOT_ADMIN_PASSWORD, or start with an empty data directory)");
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<String> doctorIds = new ArrayList<>();
        for (DemoDoctor doctor : DOCTORS) {
            JsonNode created = expect(send("POST", "/api/admin/doctors", admin, Map.of("email", doctor.email(),
                    "fullName", doctor.fullName(), "specialization", doctor.specialization(),
                    "timeZone", doctor.timeZone(), "yearsOfExperience", doctor.years(), "fee", doctor.fee(),
                    "qualifications", doctor.qualifications(), "bio", doctor.bio())), 201);
            String doctorId = created.get("doctorId").asText();
            expect(send("POST", "/api/auth/accept-invite", null,
                    Map.of("token", mailed(doctor.email(), INVITE), "password", PASSWORD)), 204);
            String token = login(doctor.email(), PASSWORD);
            expect(send("POST", "/api/doctors/" + doctorId + "/availability", token, Map.of(
                    "rrule", "FREQ=WEEKLY;BYDAY=" + doctor.days(), "startTime", doctor.from(),
                    "endTime", doctor.until(), "slotMinutes", 30, "gapMinutes", 0,
                    "validFrom", today.toString(), "validUntil", today.plusDays(13).toString())), 201);
            doctorIds.add(doctorId);
        }
        int booked = 0;
        for (int p = 0; p < PATIENTS.size(); p++) {
            String email = PATIENTS.get(p)[0];
            expect(send("POST", "/api/auth/register", null, Map.of("email", email, "password", PASSWORD,
                    "fullName", PATIENTS.get(p)[1], "phone", PATIENTS.get(p)[2])), 201);
            expect(send("POST", "/api/auth/verify", null, Map.of("email", email, "code", mailed(email, CODE))), 200);
            String token = login(email, PASSWORD);
            // Each patient books two slots with different doctors, from the day after tomorrow on.
            for (int d = 0; d < 2; d++) {
                String doctorId = doctorIds.get((p + d) % doctorIds.size());
                Instant from = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(2));
                JsonNode free = expect(send("GET", "/api/slots?status=FREE&size=20&doctorId=" + doctorId + "&from="
                        + from, null, null), 200).path("items");
                int pick = 3 * p + d;
                if (free.size() > pick
                        && send("POST", "/api/slots/" + free.get(pick).get("slotId").asText() + "/book", token,
                        Map.of()).statusCode() == 201) {
                    booked++;
                }
            }
        }
        for (String[] staff : List.of(new String[] {"auditors", AUDITOR}, new String[] {"receptionists", RECEPTIONIST})) {
            expect(send("POST", "/api/admin/" + staff[0], admin, Map.of("email", staff[1])), 201);
            expect(send("POST", "/api/auth/accept-invite", null,
                    Map.of("token", mailed(staff[1], INVITE), "password", PASSWORD)), 204);
        }
        log.info("Demo data created: {} doctors with two weeks of availability, {} patients, {} bookings, an auditor "
                + "and a receptionist.", DOCTORS.size(), PATIENTS.size(), booked);
    }

    /** The sign-ins, as one block: printed last, after "Careslot is running", once the data is there. */
    public void announce() {
        if (base == null) {
            return;
        }
        StringBuilder text = new StringBuilder("Demo sign-ins at ").append(base.replace("127.0.0.1", "localhost"))
                .append("/ (password ").append(PASSWORD).append(" unless noted):");
        text.append("\n  admin    ").append(adminEmail).append(ADMIN_PASSWORD.equals(adminPassword)
                ? "  (password " + ADMIN_PASSWORD + ")" : "  (the admin password you configured)");
        DOCTORS.forEach(d -> text.append("\n  doctor   ").append(d.email()).append("  (").append(d.specialization())
                .append(", ").append(d.timeZone()).append(')'));
        PATIENTS.forEach(p -> text.append("\n  patient  ").append(p[0]));
        text.append("\n  desk     ").append(RECEPTIONIST).append("  (receptionist: the front desk)")
                .append("\n  auditor  ").append(AUDITOR);
        log.info(text.toString());
    }

    private String login(String email, String password) throws IOException, InterruptedException {
        if (email == null || email.isBlank() || password == null || password.isBlank()) {
            return null;
        }
        HttpResponse<String> answer = send("POST", "/api/auth/login", null, Map.of("email", email, "password", password));
        return answer.statusCode() == 200 ? json.readTree(answer.body()).get("accessToken").asText() : null;
    }

    /** The newest match in the mail caught for this address, waiting up to 10 seconds for it to arrive. */
    private String mailed(String email, Pattern pattern) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> mail = send("GET", "/api/dev/mail?to=" + URLEncoder.encode(email, StandardCharsets.UTF_8),
                    null, null);
            if (mail.statusCode() != 200) {
                throw new IllegalStateException("the demo reads codes and invitations from the caught mail, which "
                        + "exists only without SPRING_MAIL_HOST");
            }
            for (JsonNode item : json.readTree(mail.body()).path("items")) {
                Matcher found = pattern.matcher(item.path("text").asText());
                if (found.find()) {
                    return found.group(1);
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no mail to " + email + " arrived");
    }

    private HttpResponse<String> send(String method, String path, String token, Object body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode expect(HttpResponse<String> answer, int status) throws IOException {
        if (answer.statusCode() != status) {
            throw new IllegalStateException("HTTP " + answer.statusCode() + " from " + answer.request().uri().getPath()
                    + ": " + answer.body());
        }
        return answer.body().isBlank() ? json.nullNode() : json.readTree(answer.body());
    }
}
