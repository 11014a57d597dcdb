package com.careslot;

import static com.careslot.SlotApiTest.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Free text — names, bios, reasons, search text — is bounded and printable everywhere: control characters (escape
 * sequences, bells, NUL) and bidirectional overrides are refused with a 400 naming the field, names are one line, and
 * what is accepted keeps its line breaks where they belong (a bio) and comes back as it was sent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FreeTextTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] HOSTILE = {"Eve\u001b[31m red", "ring\u0007", "Eve\u0000", "\u202Egnp.exe",
        "Eve\u2066isolated", "Eve\u0085"};

    @LocalServerPort
    int port;
    HttpJson api;
    TestAccounts accounts;
    HttpJson asAdmin;

    @BeforeEach
    void signIn() {
        api = HttpJson.onPort(port);
        accounts = new TestAccounts(api);
        asAdmin = api.as(accounts.admin().accessToken());
    }

    @Test
    void namesAreOnePrintableLine() throws Exception {
        for (String name : concat(HOSTILE, "Eve\nBcc: victim@example.test", "Eve\tTab")) {
            assertInvalid(api.post("/api/auth/register", JSON.writeValueAsString(Map.of(
                    "email", "free-" + UUID.randomUUID() + "@example.test", "password", TestAccounts.PASSWORD,
                    "fullName", name))), "fullName");
            assertInvalid(asAdmin.post("/api/admin/doctors", JSON.writeValueAsString(Map.of(
                    "email", "free-" + UUID.randomUUID() + "@example.test", "fullName", name,
                    "specialization", "Cardiology", "timeZone", "Europe/Berlin"))), "fullName");
        }
    }

    @Test
    void aBioKeepsItsLinesButNoControlCharacters() throws Exception {
        TestAccounts.Session doctor = accounts.doctor();
        HttpJson asDoctor = api.as(doctor.accessToken());
        for (String bio : HOSTILE) {
            assertInvalid(asDoctor.patch("/api/doctors/" + doctor.accountId(),
                    JSON.writeValueAsString(Map.of("bio", bio))), "bio");
        }
        assertInvalid(asDoctor.patch("/api/doctors/" + doctor.accountId(),
                JSON.writeValueAsString(Map.of("bio", "x".repeat(2001)))), "bio");
        String bio = "<script>alert(1)</script>\nTwenty years in \"family\" medicine & <b>more</b>.";
        HttpJson.Response patched = asDoctor.patch("/api/doctors/" + doctor.accountId(),
                JSON.writeValueAsString(Map.of("bio", bio)));
        assertThat(patched.status()).as(patched.toString()).isBetween(200, 204);
        assertThat(asDoctor.after(patched).get("/api/doctors/" + doctor.accountId()).json().path("bio").asText())
                .isEqualTo(bio);
    }

    @Test
    void reasonsAndSearchTextAreBoundedAndPrintable() throws Exception {
        TestAccounts.Session doctor = accounts.doctor();
        HttpJson asDoctor = api.as(doctor.accessToken());
        String slotId = Calendar.openSlot(asDoctor, doctor.accountId(), 14);
        for (String reason : HOSTILE) {
            assertInvalid(asDoctor.post("/api/slots/" + slotId + "/block",
                    JSON.writeValueAsString(Map.of("reason", reason))), "reason");
        }
        assertInvalid(asDoctor.post("/api/slots/" + slotId + "/block",
                JSON.writeValueAsString(Map.of("reason", "x".repeat(501)))), "reason");
        for (String query : new String[] {"%1B%5B31m", "%07", "%E2%80%AE", "%C2%85"}) {
            assertInvalid(api.get("/api/doctors?q=" + query), "q");
        }
        assertThat(api.get("/api/doctors?q=%C3%BCber%20M%C3%BCller").status()).isEqualTo(200);
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
