package com.careslot.platform.test;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Accounts for tests, made the way users make them: over HTTP, reading codes and invitations from the mail caught
 * by the embedded SMTP server. The admin is the one the test configuration creates at start-up.
 */
public final class TestAccounts {

    public static final String ADMIN_EMAIL = "admin@careslot.test";
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";
    public static final String PASSWORD = "correct horse battery staple";

    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    private static final Pattern INVITE = Pattern.compile("token=([A-Za-z0-9_-]{20,})");

    private final HttpJson api;
    private final HttpJson mailbox;

    public TestAccounts(HttpJson api) {
        this(api, api);
    }

    /** Accounts made through {@code api}, reading mail from {@code mailbox}'s {@code GET /api/dev/mail?to=}. */
    public TestAccounts(HttpJson api, HttpJson mailbox) {
        this.api = api;
        this.mailbox = mailbox;
    }

    public record Session(UUID accountId, String email, String accessToken, String refreshToken) {
    }

    public Session admin() {
        return login(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    /** A signed-up patient who has verified the email address and signed in. */
    public Session patient() {
        Session unverified = unverifiedPatient();
        HttpJson.Response verified = api.post("/api/auth/verify",
                "{\"email\":\"" + unverified.email() + "\",\"code\":\"" + codeFor(unverified.email()) + "\"}");
        expect(verified, 200);
        return unverified;
    }

    /**
     * {@code count} patients as {@link #patient()} makes them, signed up by up to eight clients at once (each sign-up
     * waits for its mailed code, so one after the other mostly waits).
     */
    public List<Session> patients(int count) {
        ExecutorService clients = Executors.newFixedThreadPool(Math.max(1, Math.min(count, 8)));
        try {
            List<Future<Session>> signUps = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                signUps.add(clients.submit(this::patient));
            }
            List<Session> patients = new ArrayList<>();
            for (Future<Session> signUp : signUps) {
                patients.add(signUp.get());
            }
            return patients;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            clients.shutdownNow();
        }
    }

    /** A signed-up, signed-in patient who has not entered the emailed code. */
    public Session unverifiedPatient() {
        String email = "patient-" + UUID.randomUUID() + "@example.test";
        expect(api.post("/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                + "\",\"fullName\":\"Pat Ient\"}"), 201);
        return login(email, PASSWORD);
    }

    /** A doctor onboarded by the admin who accepted the invitation and signed in. */
    public Session doctor(String specialization) {
        String email = "doctor-" + UUID.randomUUID() + "@example.test";
        HttpJson.Response onboarded = api.as(admin().accessToken()).post("/api/admin/doctors",
                "{\"email\":\"" + email + "\",\"fullName\":\"Dr. Test\",\"specialization\":\"" + specialization
                        + "\",\"timeZone\":\"Europe/Berlin\"}");
        expect(onboarded, 201);
        expect(api.post("/api/auth/accept-invite", "{\"token\":\"" + inviteFor(email) + "\",\"password\":\""
                + PASSWORD + "\"}"), 204);
        return login(email, PASSWORD);
    }

    public Session doctor() {
        return doctor("General practice");
    }

    public Session login(String email, String password) {
        HttpJson.Response response = api.post("/api/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        expect(response, 200);
        String access = response.json().get("accessToken").asText();
        HttpJson.Response me = api.as(access).get("/api/auth/me");
        expect(me, 200);
        return new Session(UUID.fromString(me.json().get("accountId").asText()), email, access,
                response.json().get("refreshToken").asText());
    }

    /** The newest 6-digit code mailed to the address. */
    public String codeFor(String email) {
        return newestMatch(email, CODE);
    }

    /** The newest invitation token mailed to the address. */
    public String inviteFor(String email) {
        return newestMatch(email, INVITE);
    }

    private String newestMatch(String email, Pattern pattern) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .alias("a mail matching " + pattern + " to " + email)
                .until(() -> firstMatch(mailbox.get("/api/dev/mail?to=" + email).json().path("items"), pattern),
                        Objects::nonNull);
    }

    private static String firstMatch(JsonNode mails, Pattern pattern) {
        for (JsonNode mail : mails) {
            Matcher matcher = pattern.matcher(mail.path("text").asText());
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        return null;
    }

    private static void expect(HttpJson.Response response, int status) {
        if (response.status() != status) {
            throw new AssertionError("Expected " + status + " but got " + response);
        }
    }
}
