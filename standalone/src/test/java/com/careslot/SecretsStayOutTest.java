package com.careslot;

import static com.careslot.Calendar.BOOK;
import static com.careslot.Calendar.openSlot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;

/**
 * A whole journey and its usual mistakes: an invited doctor, a patient who signs up, proves the address, signs in,
 * refreshes, books, cancels and signs out. No password, code or token handled on the way reaches a log line, an
 * event, a read model or an error body; the command side keeps each one only as a hash.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class SecretsStayOutTest {

    private static final Logger log = LoggerFactory.getLogger(SecretsStayOutTest.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SHA256_HEX = "[0-9a-f]{64}";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    /** Every secret of the journey, by what it is. */
    final Map<String, String> secrets = new LinkedHashMap<>();
    /** Every answer of the journey's own requests. */
    final List<HttpJson.Response> answers = new ArrayList<>();
    HttpJson api;

    record Tokens(String access, String refresh) {
    }

    @Test
    void noSecretOfAFullJourneyReachesTheLogTheEventsTheReadModelsOrAnErrorBody(CapturedOutput output) {
        log.info("A journey starts");
        api = HttpJson.onPort(port);
        TestAccounts mailbox = new TestAccounts(api);
        HttpJson asAdmin = api.as(login("admin", TestAccounts.ADMIN_EMAIL,
                secret("admin password", TestAccounts.ADMIN_PASSWORD)).access());

        String doctorEmail = email("doctor");
        UUID doctorId = UUID.fromString(expect(asAdmin.post("/api/admin/doctors", "{\"email\":\"" + doctorEmail
                + "\",\"fullName\":\"Dr. Secret\",\"specialization\":\"Neurology\",\"timeZone\":\"Europe/Berlin\"}"),
                201).json().get("doctorId").asText());
        String invitation = secret("invitation", mailbox.inviteFor(doctorEmail));
        assertThat(storedCodeHash(doctorId, "INVITE")).isEqualTo(sha256(invitation));
        String doctorPassword = secret("doctor password", "Doctor_" + identifierChars());
        expect(api.post("/api/auth/accept-invite", acceptJson(secret("made-up invitation", randomToken()),
                doctorPassword)), 400);
        expect(api.post("/api/auth/accept-invite", acceptJson(invitation, doctorPassword)), 204);
        expect(api.post("/api/auth/accept-invite", acceptJson(invitation,
                secret("password with a spent invitation", "Again_" + identifierChars()))), 400);
        Tokens doctor = login("doctor", doctorEmail, doctorPassword);

        String patientEmail = email("patient");
        String password = secret("patient password", "Patient_" + identifierChars());
        expect(api.post("/api/auth/register", registerJson(patientEmail,
                secret("too short a password", "short" + letters(4)))), 400);
        UUID patientId = UUID.fromString(expect(api.post("/api/auth/register", registerJson(patientEmail, password)),
                201).json().get("accountId").asText());
        String code = secret("verification code", mailbox.codeFor(patientEmail));
        assertThat(storedCodeHash(patientId, "VERIFY")).matches(SHA256_HEX).doesNotContain(code);
        expect(api.post("/api/auth/verify", verifyJson(patientEmail, secret("wrong code", otherCode(code)))), 400);
        expect(api.post("/api/auth/verify", verifyJson(patientEmail, code)), 200);
        expect(api.post("/api/auth/login", credentials(patientEmail, secret("wrong password", "Wrong" + password))),
                401);
        expect(api.post("/api/auth/login", "{\"email\":\"" + patientEmail + "\",\"password\":" + password), 400);
        Tokens signedIn = login("patient", patientEmail, password);
        Tokens refreshed = tokens("patient, refreshed", expect(api.post("/api/auth/refresh",
                refreshJson(signedIn.refresh())), 200));
        expect(api.post("/api/auth/refresh", refreshJson(secret("made-up refresh token", randomToken()))), 401);

        String slotId = openSlot(api.as(doctor.access()), doctorId, 11);
        HttpJson asPatient = api.as(refreshed.access());
        expect(asPatient.post("/api/slots/" + slotId + "/book", BOOK), 201);
        await().atMost(Duration.ofSeconds(10)).until(() -> asPatient.get("/api/slots/" + slotId).json()
                .path("status").asText(), "BOOKED"::equals);
        expect(api.as(secret("tampered access token", Forgery.withSignatureAltered(refreshed.access())))
                .post("/api/slots/" + slotId + "/cancel", null), 401);
        expect(asPatient.post("/api/slots/" + slotId + "/cancel", "{\"reason\":\"better\"}"), 200);
        expect(api.post("/api/auth/logout", refreshJson(refreshed.refresh())), 204);
        expect(api.post("/api/auth/refresh", refreshJson(refreshed.refresh())), 401);
        expect(api.post("/api/auth/refresh", refreshJson(signedIn.refresh())), 401);
        awaitReadModels(asAdmin, slotId);

        assertThat(output.getAll()).as("the log is captured").contains("A journey starts");
        assertThat(leaks("the log", output.getAll())).isEmpty();
        List<HttpJson.Response> problems = answers.stream()
                .filter(answer -> answer.contentType().startsWith("application/problem+json")).toList();
        assertThat(problems).hasSize(10);
        for (HttpJson.Response problem : problems) {
            assertThat(leaks("a problem body", problem.body())).isEmpty();
        }
        Map<String, List<String>> events = storedValues("event_store");
        assertThat(events.get("event_store.domain_event_entry.payload"))
                .anyMatch(payload -> payload.contains(patientId.toString()))
                .anyMatch(payload -> payload.contains(slotId));
        assertThat(events.get("event_store.domain_event_entry.meta_data"))
                .anyMatch(metaData -> metaData.contains(patientId.toString()));
        Map<String, List<String>> auditTrail = storedValues("notification");
        assertThat(auditTrail.get("notification.audit_entry.payload")).anyMatch(payload -> payload.contains(slotId));
        assertThat(auditTrail.get("notification.audit_entry.meta_data"))
                .anyMatch(metaData -> metaData.contains(patientId.toString()));
        for (String schema : List.of("event_store", "query_side", "notification", "command_side")) {
            storedValues(schema).forEach((column, values) ->
                    values.forEach(value -> assertThat(leaks(column, value)).isEmpty()));
        }

        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
        for (Map.Entry<String, String> account : Map.of(patientEmail, password, doctorEmail, doctorPassword,
                TestAccounts.ADMIN_EMAIL, TestAccounts.ADMIN_PASSWORD).entrySet()) {
            String hash = jdbc.queryForObject("select password_hash from command_side.account where email = ?",
                    String.class, account.getKey());
            assertThat(hash).startsWith("$2");
            assertThat(bcrypt.matches(account.getValue(), hash)).as(account.getKey()).isTrue();
        }
        secrets.forEach((what, secret) -> {
            if (what.startsWith("refresh token")) {
                assertThat(jdbc.queryForObject("select count(*) from command_side.refresh_token where token_hash = ?",
                        Integer.class, sha256(secret))).as(what).isEqualTo(1);
            }
        });
        assertThat(jdbc.queryForObject("select count(*) from command_side.one_time_code where account_id in (?, ?)",
                Integer.class, doctorId, patientId)).as("used codes and invitations are gone").isZero();
    }

    /** Waits until the read models and the audit trail have taken in every event of the journey. */
    private void awaitReadModels(HttpJson asAdmin, String slotId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> asAdmin.get("/api/slots/" + slotId).json(),
                slot -> "FREE".equals(slot.path("status").asText()) && !slot.has("patientId"));
        long last = jdbc.queryForObject("select max(global_index) from event_store.domain_event_entry", Long.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from notification.audit_entry where global_index = ?", Integer.class, last) == 1);
    }

    /** Which secrets the text reveals. A 6-digit code counts only where it stands alone, not inside a longer run. */
    private List<String> leaks(String where, String text) {
        List<String> leaks = new ArrayList<>();
        secrets.forEach((what, secret) -> {
            boolean found = secret.matches("[0-9]+")
                    ? Pattern.compile("(?<![0-9A-Za-z])" + secret + "(?![0-9A-Za-z])").matcher(text).find()
                    : text.contains(secret);
            if (found) {
                leaks.add(what + " in " + where);
            }
        });
        return leaks;
    }

    /** Every text, JSON and binary value in the schema's tables, by column. */
    private Map<String, List<String>> storedValues(String schema) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        List<Map<String, Object>> columns = jdbc.queryForList("""
                select c.table_name, c.column_name from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = ? and t.table_type = 'BASE TABLE'
                  and c.data_type in ('character varying', 'character', 'text', 'json', 'jsonb', 'bytea')
                order by c.table_name, c.ordinal_position""", schema);
        assertThat(columns).as("columns of " + schema).isNotEmpty();
        for (Map<String, Object> column : columns) {
            String table = schema + "." + column.get("table_name");
            List<String> texts = jdbc.query("select \"" + column.get("column_name") + "\" from " + table,
                    (row, n) -> {
                        Object value = row.getObject(1);
                        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                                : String.valueOf(value);
                    });
            values.put(table + "." + column.get("column_name"), texts);
        }
        return values;
    }

    private String storedCodeHash(UUID accountId, String purpose) {
        return jdbc.queryForObject(
                "select code_hash from command_side.one_time_code where account_id = ? and purpose = ?",
                String.class, accountId, purpose);
    }

    private Tokens login(String who, String email, String password) {
        return tokens(who, expect(api.post("/api/auth/login", credentials(email, password)), 200));
    }

    private Tokens tokens(String who, HttpJson.Response answer) {
        return new Tokens(secret("access token of " + who, answer.json().get("accessToken").asText()),
                secret("refresh token of " + who, answer.json().get("refreshToken").asText()));
    }

    private HttpJson.Response expect(HttpJson.Response answer, int status) {
        answers.add(answer);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        return answer;
    }

    private String secret(String what, String value) {
        secrets.put(what, value);
        return value;
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String otherCode(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }

    /** Letters and digits only, so a parser that echoes an unquoted token would echo all of it. */
    private static String identifierChars() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** Letters that are no hex digits, so they cannot turn up by chance inside a stored hash or id. */
    private static String letters(int count) {
        StringBuilder letters = new StringBuilder();
        for (int i = 0; i < count; i++) {
            letters.append((char) ('g' + RANDOM.nextInt(20)));
        }
        return letters.toString();
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String email(String who) {
        return who + "-" + UUID.randomUUID() + "@example.test";
    }

    private static String credentials(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    private static String registerJson(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"fullName\":\"Pat Secret\"}";
    }

    private static String verifyJson(String email, String code) {
        return "{\"email\":\"" + email + "\",\"code\":\"" + code + "\"}";
    }

    private static String acceptJson(String token, String password) {
        return "{\"token\":\"" + token + "\",\"password\":\"" + password + "\"}";
    }

    private static String refreshJson(String refreshToken) {
        return "{\"refreshToken\":\"" + refreshToken + "\"}";
    }
}
