package com.careslot;

import static com.careslot.Calendar.BOOK;
import static com.careslot.Calendar.openSlot;
import static com.careslot.Calendar.tomorrowAt;
import static com.careslot.SlotApiTest.assertInvalid;
import static com.careslot.SlotApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;
import com.fasterxml.jackson.databind.JsonNode;

/** Patients find doctors: the directory, its specializations, and free slots across the doctors of one. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DoctorDirectoryTest {

    @LocalServerPort
    int port;
    HttpJson api;
    HttpJson asAdmin;
    TestAccounts accounts;
    People people;
    String specialization;

    @BeforeEach
    void setUp() {
        api = HttpJson.onPort(port);
        accounts = new TestAccounts(api);
        asAdmin = api.as(accounts.admin().accessToken());
        people = new People(api, accounts, asAdmin);
        specialization = People.uniqueSpecialization("Directory");
    }

    @Test
    void findsDoctorsByAnyPartOfTheirNameIgnoringCase() {
        UUID ana = people.onboardedDoctor("Dr. Ana Silva", specialization);
        people.onboardedDoctor("Dr. Bruno Costa", specialization);
        UUID anabela = people.onboardedDoctor("Dr. Anabela Reis", specialization);
        awaitDirectory(specialization, page -> page.get("totalItems").asInt() == 3);

        JsonNode found = api.get(directory(specialization) + "&q=ANA").json();

        assertThat(found.get("items").findValuesAsText("doctorId")).containsExactly(ana.toString(), anabela.toString());
        assertThat(found.get("items").findValuesAsText("fullName")).containsExactly("Dr. Ana Silva", "Dr. Anabela Reis");
        assertThat(found.get("totalItems").asInt()).isEqualTo(2);
        assertThat(api.get(directory(specialization) + "&q=" + encode("a Si")).json()
                .get("items").findValuesAsText("doctorId")).containsExactly(ana.toString());
        assertThat(api.get(directory(specialization) + "&q=" + encode("%")).json().get("totalItems").asInt())
                .as("% is a character to look for, not a wildcard").isZero();
        assertThat(api.get(directory(specialization) + "&q=" + encode("_")).json().get("totalItems").asInt()).isZero();
    }

    @Test
    void filtersBySpecializationIgnoringCaseAndPagesInNameOrder() {
        UUID first = people.onboardedDoctor("Dr. Amelia Alves", specialization);
        UUID second = people.onboardedDoctor("dr. bernardo brito", specialization);
        UUID third = people.onboardedDoctor("Dr. Carla Cruz", specialization);
        people.onboardedDoctor("Dr. Amelia Alves", People.uniqueSpecialization("Elsewhere"));
        awaitDirectory(specialization, page -> page.get("totalItems").asInt() == 3);

        JsonNode firstPage = api.get("/api/doctors?specialization=" + encode(specialization.toUpperCase())
                + "&size=2").json();
        assertThat(firstPage.get("items").findValuesAsText("doctorId"))
                .containsExactly(first.toString(), second.toString());
        assertThat(firstPage.get("items").findValuesAsText("specialization")).containsOnly(specialization);
        assertThat(firstPage.get("page").asInt()).isZero();
        assertThat(firstPage.get("size").asInt()).isEqualTo(2);
        assertThat(firstPage.get("totalItems").asInt()).isEqualTo(3);

        JsonNode secondPage = api.get(directory(specialization) + "&size=2&page=1").json();
        assertThat(secondPage.get("items").findValuesAsText("doctorId")).containsExactly(third.toString());
        JsonNode doctor = secondPage.get("items").get(0);
        assertThat(doctor.get("timeZone").asText()).isEqualTo("Europe/Berlin");
        assertThat(doctor.get("qualifications").isArray()).isTrue();
    }

    @Test
    void showsEachDoctorsNextFreeSlotAndNoneWhenNothingIsFree() {
        UUID busy = people.onboardedDoctor("Dr. Busy Bee", specialization);
        UUID idle = people.onboardedDoctor("Dr. Idle Ivy", specialization);
        String booked = openSlot(asAdmin, busy, 9);
        String later = openSlot(asAdmin, busy, 11);
        String sooner = openSlot(asAdmin, busy, 10);
        HttpJson asPatient = api.as(accounts.patient().accessToken());
        assertThat(asPatient.post("/api/slots/" + booked + "/book", BOOK).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/slots/" + booked).json()
                .path("status").asText(), "BOOKED"::equals);

        JsonNode page = awaitDirectory(specialization, p -> p.get("totalItems").asInt() == 2
                && p.get("items").get(0).has("nextFreeSlot")
                && p.get("items").get(0).get("nextFreeSlot").get("slotId").asText().equals(sooner));

        JsonNode busyDoctor = page.get("items").get(0);
        assertThat(busyDoctor.get("doctorId").asText()).isEqualTo(busy.toString());
        assertThat(Instant.parse(busyDoctor.get("nextFreeSlot").get("start").asText())).isEqualTo(tomorrowAt(10));
        assertThat(Instant.parse(busyDoctor.get("nextFreeSlot").get("end").asText()))
                .isEqualTo(tomorrowAt(10).plus(Duration.ofMinutes(30)));
        JsonNode idleDoctor = page.get("items").get(1);
        assertThat(idleDoctor.get("doctorId").asText()).isEqualTo(idle.toString());
        assertThat(idleDoctor.has("nextFreeSlot")).isFalse();

        JsonNode profile = api.get("/api/doctors/" + busy).json();
        assertThat(profile.get("fullName").asText()).isEqualTo("Dr. Busy Bee");
        assertThat(profile.get("nextFreeSlot").get("slotId").asText()).isEqualTo(sooner);
        assertThat(api.get("/api/doctors/" + idle).json().has("nextFreeSlot")).isFalse();

        assertThat(asAdmin.post("/api/slots/" + sooner + "/block", "{\"reason\":\"training\"}").status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/doctors/" + busy).json()
                .path("nextFreeSlot").path("slotId").asText(), later::equals);
    }

    @Test
    void listsDoctorsOnlyOnceActiveAndFollowsTheirProfile() {
        UUID approved = apply("Dr. Approved Applicant");
        UUID rejected = apply("Dr. Rejected Applicant");
        UUID onboarded = people.onboardedDoctor("Dr. Onboarded Olga", specialization);
        awaitDirectory(specialization, page -> page.get("totalItems").asInt() == 1);
        assertProblem(api.get("/api/doctors/" + approved), 404, "not-found");

        assertThat(asAdmin.post("/api/admin/doctors/" + approved + "/approve", null).status()).isEqualTo(200);
        assertThat(asAdmin.post("/api/admin/doctors/" + rejected + "/reject", "{\"reason\":\"no licence\"}").status())
                .isEqualTo(200);
        JsonNode listed = awaitDirectory(specialization, page -> page.get("totalItems").asInt() == 2);
        assertThat(listed.get("items").findValuesAsText("doctorId"))
                .containsExactly(approved.toString(), onboarded.toString());
        assertProblem(api.get("/api/doctors/" + rejected), 404, "not-found");
        assertProblem(api.get("/api/doctors/" + UUID.randomUUID()), 404, "not-found");

        assertThat(asAdmin.patch("/api/doctors/" + onboarded, "{\"fullName\":\"Dr. Olga Renamed\",\"bio\":\"Hearts.\","
                + "\"yearsOfExperience\":12,\"fee\":80.50,\"qualifications\":[\"MD\",\"PhD\"]}").status())
                .isEqualTo(200);
        JsonNode renamed = await().atMost(Duration.ofSeconds(10)).until(
                () -> api.get("/api/doctors/" + onboarded).json(),
                doctor -> "Dr. Olga Renamed".equals(doctor.path("fullName").asText()));
        assertThat(renamed.get("bio").asText()).isEqualTo("Hearts.");
        assertThat(renamed.get("yearsOfExperience").asInt()).isEqualTo(12);
        assertThat(renamed.get("fee").decimalValue()).isEqualByComparingTo("80.50");
        assertThat(renamed.get("qualifications").toString()).isEqualTo("[\"MD\",\"PhD\"]");
        assertThat(api.get(directory(specialization) + "&q=renamed").json().get("items").findValuesAsText("doctorId"))
                .containsExactly(onboarded.toString());
    }

    @Test
    void anAdminListsTheApplicationsWaitingForADecision() {
        UUID waiting = apply("Dr. Waiting Applicant");
        UUID decided = apply("Dr. Decided Applicant");
        HttpJson.Response approved = asAdmin.post("/api/admin/doctors/" + decided + "/approve", null);

        JsonNode pending = asAdmin.after(approved).get("/api/admin/doctors?status=PENDING&size=500").json();

        assertThat(pending.get("items").findValuesAsText("doctorId")).contains(waiting.toString())
                .doesNotContain(decided.toString());
        JsonNode application = pending.get("items").get(pending.get("items").findValuesAsText("doctorId")
                .indexOf(waiting.toString()));
        assertThat(application.get("fullName").asText()).isEqualTo("Dr. Waiting Applicant");
        assertThat(application.get("status").asText()).isEqualTo("PENDING");
        assertThat(asAdmin.get("/api/admin/doctors?status=ACTIVE&size=500").json().get("items")
                .findValuesAsText("doctorId")).contains(decided.toString());
        assertInvalid(asAdmin.get("/api/admin/doctors?status=MAYBE"), "status");
        assertProblem(api.get("/api/admin/doctors"), 401, "unauthenticated");
        assertProblem(api.as(accounts.patient().accessToken()).get("/api/admin/doctors"), 403, "forbidden");
    }

    @Test
    void countsTheListedDoctorsOfEachSpecialization() {
        String other = People.uniqueSpecialization("Directory");
        people.onboardedDoctor("Dr. One", specialization);
        people.onboardedDoctor("Dr. Two", specialization);
        people.onboardedDoctor("Dr. Three", other);
        apply("Dr. Pending Four");

        JsonNode counts = await().atMost(Duration.ofSeconds(10)).until(
                () -> api.get("/api/specializations?size=500").json(),
                page -> doctorsIn(page, specialization) == 2 && doctorsIn(page, other) == 1);

        assertThat(counts.get("totalItems").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(counts.get("items").findValuesAsText("name"))
                .isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
        JsonNode paged = api.get("/api/specializations?size=1&page=1").json();
        assertThat(paged.get("items").size()).isEqualTo(1);
        assertThat(paged.get("items").get(0).get("name").asText())
                .isEqualTo(counts.get("items").get(1).get("name").asText());
    }

    @Test
    void listsFreeSlotsAcrossTheDoctorsOfASpecializationFirstAvailableFirst() {
        UUID first = people.onboardedDoctor("Dr. First", specialization);
        UUID second = people.onboardedDoctor("Dr. Second", specialization);
        UUID elsewhere = people.onboardedDoctor("Dr. Elsewhere", People.uniqueSpecialization("Directory"));
        String firstAt11 = openSlot(asAdmin, first, 11);
        String secondAt9 = openSlot(asAdmin, second, 9);
        String secondAt10 = openSlot(asAdmin, second, 10);
        openSlot(asAdmin, elsewhere, 8);
        HttpJson asPatient = api.as(accounts.patient().accessToken());
        assertThat(asPatient.post("/api/slots/" + secondAt10 + "/book", BOOK).status()).isEqualTo(201);
        String slots = "/api/slots?specialization=" + encode(specialization.toLowerCase());

        JsonNode free = await().atMost(Duration.ofSeconds(10)).until(() -> api.get(slots + "&status=FREE").json(),
                page -> page.get("totalItems").asInt() == 2);

        assertThat(free.get("items").findValuesAsText("slotId")).containsExactly(secondAt9, firstAt11);
        JsonNode all = await().atMost(Duration.ofSeconds(10)).until(() -> api.get(slots).json(),
                page -> page.get("totalItems").asInt() == 3);
        assertThat(all.get("items").findValuesAsText("slotId")).containsExactly(secondAt9, secondAt10, firstAt11);
        assertThat(all.get("items").findValues("patientId")).as("who booked stays hidden from strangers").isEmpty();
        assertThat(api.get(slots + "&status=FREE&size=1&page=1").json().get("items").findValuesAsText("slotId"))
                .containsExactly(firstAt11);
        assertThat(api.get(slots + "&doctorId=" + first).json().get("items").findValuesAsText("slotId"))
                .containsExactly(firstAt11);
        assertThat(api.get(slots + "&from=" + tomorrowAt(10) + "&to=" + tomorrowAt(12)).json().get("items")
                .findValuesAsText("slotId")).containsExactly(secondAt10, firstAt11);
    }

    @Test
    void namesTheFieldOfEveryInvalidInput() {
        assertInvalid(api.get("/api/doctors?size=0"), "size");
        assertInvalid(api.get("/api/doctors?size=501"), "size");
        assertInvalid(api.get("/api/doctors?page=-1"), "page");
        assertInvalid(api.get("/api/doctors?q=" + "x".repeat(201)), "q");
        assertInvalid(api.get("/api/doctors?specialization=" + "x".repeat(101)), "specialization");
        assertInvalid(api.get("/api/doctors/not-a-uuid"), "doctorId");
        assertInvalid(api.get("/api/specializations?size=0"), "size");
        assertInvalid(api.get("/api/slots?specialization=" + "x".repeat(101)), "specialization");
        assertInvalid(api.get("/api/slots?from=" + tomorrowAt(10) + "&to=" + tomorrowAt(10)), "to");
        assertInvalid(api.get("/api/slots?from=" + tomorrowAt(11) + "&to=" + tomorrowAt(10)), "to");
    }

    private UUID apply(String fullName) {
        HttpJson.Response applied = api.post("/api/auth/register-doctor", "{\"email\":\"applicant-" + UUID.randomUUID()
                + "@example.test\",\"password\":\"" + TestAccounts.PASSWORD + "\",\"fullName\":\"" + fullName
                + "\",\"specialization\":\"" + specialization + "\",\"timeZone\":\"Europe/Vienna\"}");
        assertThat(applied.status()).as(applied.toString()).isEqualTo(201);
        return UUID.fromString(applied.json().get("doctorId").asText());
    }

    private JsonNode awaitDirectory(String specialization, Predicate<JsonNode> until) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> api.get(directory(specialization)).json(), until);
    }

    private static String directory(String specialization) {
        return "/api/doctors?specialization=" + encode(specialization);
    }

    private static long doctorsIn(JsonNode page, String specialization) {
        for (JsonNode item : page.get("items")) {
            if (item.get("name").asText().equals(specialization)) {
                return item.get("doctors").asLong();
            }
        }
        return 0;
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
