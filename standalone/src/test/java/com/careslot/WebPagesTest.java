package com.careslot;

import static com.careslot.Calendar.BOOK;
import static com.careslot.Calendar.openSlot;
import static com.careslot.Calendar.tomorrowAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WindowType;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;
import com.fasterxml.jackson.databind.JsonNode;

/** The web pages in a real headless Chromium against the running system: what a patient and a doctor do. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebPagesTest {

    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    @LocalServerPort
    int port;
    HttpJson api;
    TestAccounts accounts;

    @BeforeAll
    static void chromium() {
        Browser.requireChromium();
    }

    @BeforeEach
    void system() {
        api = HttpJson.onPort(port);
        accounts = new TestAccounts(api);
    }

    @Test
    void aPatientSignsUpWithTheMailedCodeBooksSeesAndCancelsTheAppointment() {
        TestAccounts.Session doctor = accounts.doctor("Cardiology");
        String slotId = openSlot(api.as(doctor.accessToken()), doctor.accountId(), 10);
        String email = "web-patient-" + UUID.randomUUID() + "@example.test";

        try (Browser browser = Browser.open(api.baseUrl())) {
            browser.go("/#/sign-up");
            browser.type("input[name=fullName]", "Web Patient");
            browser.type("input[name=email]", email);
            browser.type("input[name=password]", TestAccounts.PASSWORD);
            browser.screenshot("patient-sign-up");
            browser.click("form button[type=submit]");
            browser.until("input[name=code]");
            browser.until("#mail-link a[href='/mail']");

            String signUpTab = browser.driver.getWindowHandle();
            browser.driver.switchTo().newWindow(WindowType.TAB);
            browser.go("/mail?to=" + email);
            browser.untilText("#mail", email);
            browser.screenshot("caught-mail");
            Matcher code = CODE.matcher(browser.text("#mail tr:first-child td:nth-child(4)"));
            assertThat(code.find()).as("a 6-digit code in the caught mail").isTrue();
            browser.driver.close();
            browser.driver.switchTo().window(signUpTab);

            browser.type("input[name=code]", code.group(1));
            browser.click("form button[type=submit]:not([name=resend])");
            browser.untilText("h1", "Find a doctor");
            browser.until("#main .cards, #main .problem");
            browser.screenshot("patient-find-doctor");

            browser.go("/#/doctors/" + doctor.accountId() + "?week=" + weekOf(tomorrowAt(10)));
            browser.click("button[data-slot-id='" + slotId + "']");
            browser.click("#hold");
            browser.click("#confirm-booking");
            browser.until("#booked");
            browser.until("button.mine[data-slot-id='" + slotId + "']");
            browser.screenshot("patient-booked");
            await().atMost(Duration.ofSeconds(20)).until(
                    () -> api.get("/api/slots/" + slotId).json().get("status").asText().equals("BOOKED"));

            browser.go("/#/appointments");
            browser.until("#appointments tr[data-slot-id='" + slotId + "']");
            assertThat(browser.text("#appointments tr[data-slot-id='" + slotId + "']")).contains("Dr. Test");
            browser.screenshot("patient-appointments");
            browser.click("#appointments tr[data-slot-id='" + slotId + "'] button.danger");
            await().atMost(Duration.ofSeconds(20)).until(
                    () -> api.get("/api/slots/" + slotId).json().get("status").asText().equals("FREE"));
            browser.screenshot("patient-cancelled");
        }
    }

    @Test
    void aDoctorOpensARecurringRuleAndSeesTheSlotsInTheSchedule() {
        TestAccounts.Session doctor = accounts.doctor("Dermatology");
        try (Browser browser = Browser.open(api.baseUrl())) {
            browser.signIn(doctor.email(), TestAccounts.PASSWORD);
            browser.untilText("h1", "My week");
            browser.click("#nav a[href='#/availability']");
            browser.untilText("h1", "Open slots");
            LocalDate monday = LocalDate.now(ZoneOffset.UTC).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
            browser.script("document.querySelector('input[name=validFrom]').value = arguments[0];"
                    + "document.querySelector('input[name=validUntil]').value = arguments[1];",
                    monday.toString(), monday.plusDays(4).toString());
            browser.type("input[name=slotMinutes]", "60");
            browser.screenshot("doctor-availability");
            browser.click("section:has(#recurring) button[type=submit]");
            browser.untilText("#availability-result", "Opened 15 slots");
            browser.click("#see-schedule");
            browser.until("#schedule tr[data-status=FREE]");
            assertThat(browser.all("#schedule tr[data-status=FREE]")).hasSizeGreaterThanOrEqualTo(3);
            browser.screenshot("doctor-schedule");

            // Edit a free slot: Monday's first slot moves to 12:00–12:45, same slot id
            String slotId = browser.find("#schedule tr[data-status=FREE]").getAttribute("data-slot-id");
            String row = "#schedule tr[data-slot-id='" + slotId + "']";
            browser.click(row + " button[data-action=Edit]");
            browser.until(row + " form.move-slot");
            browser.script("const form = document.querySelector(arguments[0]);"
                    + "form.elements.start.value = '12:00'; form.elements.end.value = '12:45';", row + " form.move-slot");
            browser.screenshot("doctor-edit-slot");
            browser.click(row + " form.move-slot button[type=submit]");
            browser.untilText(row, "12:00\u201312:45");
            assertThat(browser.all(row + " form.move-slot")).isEmpty();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                JsonNode slot = api.get("/api/slots/" + slotId).json();
                return Duration.between(Instant.parse(slot.get("start").asText()),
                        Instant.parse(slot.get("end").asText())).equals(Duration.ofMinutes(45));
            });

            // The doctor's own dashboard: 15 slots opened next week, none booked yet; the next free one is linked
            browser.click("#nav a[href='#/my-dashboard']");
            browser.untilText("h1", "My dashboard");
            browser.until("#kpis");
            assertThat(browser.text("#next-free-slot")).startsWith("Next free slot:");
            assertThat(browser.all("#weeks tbody tr")).hasSize(12);
            assertThat(browser.text("#by-status")).contains("fulfilled");
            browser.screenshot("doctor-dashboard");
        }
    }

    @Test
    void aSlotBookedInOneBrowserDisappearsFromTheOtherOpenPageWithoutReload() {
        TestAccounts.Session doctor = accounts.doctor("Neurology");
        String slotId = openSlot(api.as(doctor.accessToken()), doctor.accountId(), 11);
        TestAccounts.Session watching = accounts.patient();
        TestAccounts.Session booking = accounts.patient();
        String week = "/#/doctors/" + doctor.accountId() + "?week=" + weekOf(tomorrowAt(11));
        String slot = "button[data-slot-id='" + slotId + "']";

        try (Browser first = Browser.open(api.baseUrl()); Browser second = Browser.open(api.baseUrl())) {
            first.signIn(watching.email(), TestAccounts.PASSWORD);
            first.go(week);
            first.until(slot);
            first.until(".week[data-live=on]");

            second.signIn(booking.email(), TestAccounts.PASSWORD);
            second.go(week);
            second.click(slot);
            second.click("#hold");
            second.click("#confirm-booking");
            second.until("#booked");

            first.untilGone(slot);
            first.screenshot("live-update-other-page");
            second.screenshot("live-update-booking-page");
            assertThat(first.driver.getCurrentUrl()).endsWith(week.substring(1));
        }
    }

    @Test
    void aPatientHoldsAPaidSlotAndThePageShowsItBookedOnceStripeConfirmsThePayment() {
        TestAccounts.Session doctor = accounts.doctor("Orthopaedics");
        HttpJson asDoctor = api.as(doctor.accessToken());
        assertThat(asDoctor.patch("/api/doctors/" + doctor.accountId(), "{\"fee\":45.50}").status()).isEqualTo(200);
        HttpJson asAdmin = api.as(accounts.admin().accessToken());
        assertThat(asAdmin.send(HttpRequest.newBuilder(URI.create(api.baseUrl()
                        + "/api/admin/payments/doctors/" + doctor.accountId()))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":true}"))).status()).isEqualTo(200);
        TestAccounts.Session patient = accounts.patient();
        String slotId = openSlot(asDoctor, doctor.accountId(), 11);

        try (Browser browser = Browser.open(api.baseUrl())) {
            browser.signIn(patient.email(), TestAccounts.PASSWORD);
            browser.go("/#/doctors/" + doctor.accountId() + "?week=" + weekOf(tomorrowAt(11)));
            browser.click("button[data-slot-id='" + slotId + "']");
            browser.click("#hold");
            browser.untilText("#fee", "EUR 45.50");
            // No network reaches js.stripe.com here: the page says the card form cannot load and charges nothing.
            browser.untilText("#payment-offline", "Stripe.js");
            assertThat(browser.find("#pay").isEnabled()).isFalse();
            browser.screenshot("patient-pay-offline");

            // Stripe's side, simulated: the PaymentIntent the page was given is paid, and Stripe's signed webhook
            // reaches Careslot; the open page sees the booking.
            String intentId = StripeDouble.intentForSlot(slotId);
            assertThat(StripeDouble.deliver(api, StripeDouble.succeed(intentId)).status()).isEqualTo(200);
            browser.untilText("#booked", "Paid and booked");
            browser.until("button.mine[data-slot-id='" + slotId + "']");
            browser.screenshot("patient-paid-booked");

            browser.go("/#/appointments");
            browser.untilText("#appointments tr[data-slot-id='" + slotId + "']", "Paid EUR 45.50");

            browser.click("#sign-out");
            browser.untilGone("#sign-out"); // signed out and on the sign-in page, which then stays as it is
            browser.untilText("h1", "Sign in");
            browser.signIn(TestAccounts.ADMIN_EMAIL, TestAccounts.ADMIN_PASSWORD);
            browser.until("#revenue tr[data-currency=eur]");
            browser.click("#nav a[href='#/admin/payments']");
            browser.untilText("#main", "Payments are on: Stripe test mode, currency EUR.");
            browser.untilText("#payment-doctors tr[data-doctor-id='" + doctor.accountId() + "']", "yes");
            assertThat(browser.text("#payment-settings")).contains(StripeDouble.PUBLISHABLE_KEY)
                    .doesNotContain(StripeDouble.SECRET_KEY, StripeDouble.WEBHOOK_SECRET);
            browser.screenshot("admin-payments");
        }
    }

    @Test
    void theAdminDashboardCountsABooking() {
        HttpJson asAdmin = api.as(accounts.admin().accessToken());
        long before = asAdmin.get("/api/admin/dashboard").json().get("appointments").asLong();
        TestAccounts.Session doctor = accounts.doctor("Nephrology");
        String slotId = openSlot(api.as(doctor.accessToken()), doctor.accountId(), 16);
        HttpJson.Response booked = api.as(accounts.patient().accessToken()).post("/api/slots/" + slotId + "/book", BOOK);
        long after = asAdmin.after(booked).get("/api/admin/dashboard").json().get("appointments").asLong();
        assertThat(after).isEqualTo(before + 1);

        try (Browser browser = Browser.open(api.baseUrl())) {
            browser.signIn(TestAccounts.ADMIN_EMAIL, TestAccounts.ADMIN_PASSWORD);
            browser.untilText("h1", "Dashboard");
            browser.until("#kpis li[data-kpi=appointments] strong");
            assertThat(browser.text("#kpis li[data-kpi=appointments] strong")).isEqualTo(Long.toString(after));
            browser.until("#chart-bookings canvas");
            browser.screenshot("admin-dashboard");
        }
    }

    @Test
    void theAdminPreviewsAnApplicantsDocumentsAndADoctorsPhotoReachesTheirPage() throws Exception {
        String email = "web-applicant-" + UUID.randomUUID() + "@example.test";
        String name = "AAA Web Applicant " + UUID.randomUUID().toString().substring(0, 6); // first in the list
        TestAccounts.Session doctor = accounts.doctor("Radiology");
        Path photo = Files.createTempFile("careslot-photo", ".jpg");
        Files.write(photo, UploadTest.withGps(UploadTest.jpeg(640, 480)));
        Path licence = Files.createTempFile("licence", ".png");
        Files.write(licence, UploadTest.png(120, 80));
        Path diploma = Files.createTempFile("diploma", ".pdf");
        Files.write(diploma, UploadTest.PDF);

        try (Browser browser = Browser.open(api.baseUrl())) {
            browser.go("/#/sign-in");
            browser.click("a[href='#/apply']");
            browser.untilText("h1", "Apply as a doctor");
            browser.type("#application input[name=fullName]", name);
            browser.type("#application input[name=email]", email);
            browser.type("#application input[name=password]", TestAccounts.PASSWORD);
            browser.type("#application input[name=specialization]", "Radiology");
            browser.type("#application input[name=timeZone]", "Europe/Madrid");
            browser.find("#application input[name=documents]").sendKeys(licence.toAbsolutePath() + "\n"
                    + diploma.toAbsolutePath());
            browser.click("#application button[type=submit]");
            browser.untilText("#application-result", "Application sent");
            browser.screenshot("doctor-application");
            HttpJson asAdmin = api.as(accounts.admin().accessToken());
            String applicantId = await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (JsonNode pending : asAdmin.get("/api/admin/doctors?status=PENDING&size=500").json().get("items")) {
                    if (pending.get("fullName").asText().equals(name)) {
                        return pending.get("doctorId").asText();
                    }
                }
                return null;
            }, java.util.Objects::nonNull);

            browser.signIn(TestAccounts.ADMIN_EMAIL, TestAccounts.ADMIN_PASSWORD);
            browser.untilText("h1", "Dashboard");
            browser.until("#kpis"); // the dashboard has drawn: it no longer replaces the next page
            browser.click("#nav a[href='#/admin/doctors']");
            browser.untilText("#main", name);
            String ours = "li.card:has([data-doctor-id='" + applicantId + "'])";
            browser.click(ours + " li:has(strong) button[data-document-id]");
            browser.until(ours + " img.document-preview");
            await().atMost(Duration.ofSeconds(20)).until(() -> ((Number) browser.script(
                    "return document.querySelector(arguments[0]).naturalWidth;", ours + " img.document-preview"))
                    .intValue() == 120);
            browser.all(ours + " button[data-document-id]").get(1).click();
            browser.until(ours + " object.document-preview[type='application/pdf']");
            browser.type(ours + " input[name=documentNote]", "Licence number verified.");
            browser.screenshot("admin-application-documents");
            browser.all(ours + " .actions button").stream().filter(b -> b.getText().equals("Approve")).findFirst()
                    .orElseThrow().click();
            browser.untilText("#main", "approved");
            assertThat(asAdmin.get("/api/doctors/" + applicantId + "/documents").json()
                    .get("items").findValuesAsText("reviewNote")).containsExactly("Licence number verified.");

            browser.click("#sign-out");
            browser.signIn(doctor.email(), TestAccounts.PASSWORD);
            browser.untilText("h1", "My week");
            browser.click("#nav a[href='#/profile']");
            browser.untilText("h1", "My profile");
            browser.find("#files input[name=photo]").sendKeys(photo.toAbsolutePath().toString());
            browser.click("#files form:has(input[name=photo]) button[type=submit]");
            browser.untilText("#my-photo", "Photo saved.");
            await().atMost(Duration.ofSeconds(20)).until(() -> ((Number) browser.script(
                    "return document.querySelector('#my-photo img').naturalWidth;")).intValue() == 256);
            browser.screenshot("doctor-profile-photo");

            browser.click("#sign-out");
            browser.signIn(accounts.patient().email(), TestAccounts.PASSWORD);
            browser.untilText("h1", "Find a doctor");
            browser.go("/#/doctors/" + doctor.accountId());
            // a new document, as the patient's own browser would be: this one still holds the placeholder it showed
            browser.driver.navigate().refresh();
            browser.until(".doctor-heading img.photo");
            await().atMost(Duration.ofSeconds(20)).until(() -> ((Number) browser.script(
                    "return document.querySelector('.doctor-heading img.photo').naturalWidth;")).intValue() == 256);
            browser.screenshot("patient-doctor-photo");
        } finally {
            Files.deleteIfExists(photo);
            Files.deleteIfExists(licence);
            Files.deleteIfExists(diploma);
        }
    }

    @Test
    void anAdminOnboardsADoctorFromTheDoctorsPage() {
        String email = "web-doctor-" + UUID.randomUUID() + "@example.test";
        try (Browser browser = Browser.open(api.baseUrl())) {
            browser.signIn(TestAccounts.ADMIN_EMAIL, TestAccounts.ADMIN_PASSWORD);
            browser.untilText("h1", "Dashboard");

            browser.click("#nav a[href='#/admin/doctors']");
            browser.untilText("h1", "Doctors");
            browser.type("section:has(#onboard-title) input[name=email]", email);
            browser.type("section:has(#onboard-title) input[name=fullName]", "Dr. Web Onboarded");
            browser.type("section:has(#onboard-title) input[name=specialization]", "Oncology");
            browser.type("section:has(#onboard-title) input[name=timeZone]", "Europe/Vienna");
            browser.click("section:has(#onboard-title) button[type=submit]");
            browser.untilText("section:has(#onboard-title) .notice", "Onboarded Dr. Web Onboarded");
            browser.screenshot("admin-doctors");
        }
        assertThat(accounts.inviteFor(email)).isNotBlank();
    }

    @Test
    void anInvalidSignUpShowsTheProblemNextToTheField() {
        try (Browser browser = Browser.open(api.baseUrl())) {
            browser.go("/#/sign-up");
            browser.type("input[name=fullName]", "Short Password");
            browser.type("input[name=email]", "not-an-email");
            browser.type("input[name=password]", "short");
            browser.click("form button[type=submit]");
            browser.until("input[name=email][aria-invalid=true]");
            assertThat(browser.text(".problem")).isNotBlank();
            assertThat(browser.find("input[name=email]").getAttribute("aria-describedby")).contains("-error");
            browser.screenshot("sign-up-problem");
        }
    }

    @Test
    void anAuditorFindsASlotsEventsAndItsHistory() {
        TestAccounts.Session doctor = accounts.doctor("Audiology");
        String slotId = openSlot(api.as(doctor.accessToken()), doctor.accountId(), 12);
        api.as(accounts.patient().accessToken()).post("/api/slots/" + slotId + "/book", Calendar.BOOK);
        String email = "web-auditor-" + UUID.randomUUID() + "@example.test";
        assertThat(api.as(accounts.admin().accessToken()).post("/api/admin/auditors",
                "{\"email\":\"" + email + "\"}").status()).isEqualTo(201);
        assertThat(api.post("/api/auth/accept-invite", "{\"token\":\"" + accounts.inviteFor(email)
                + "\",\"password\":\"" + TestAccounts.PASSWORD + "\"}").status()).isEqualTo(204);

        try (Browser browser = Browser.open(api.baseUrl())) {
            browser.signIn(email, TestAccounts.PASSWORD);
            browser.untilText("h1", "Audit events");
            browser.type("input[name=aggregateId]", slotId);
            browser.click("form[role=search] button[type=submit]");
            browser.untilText("#audit-events", "SlotBooked");
            assertThat(browser.text("#audit-events")).contains("SlotOpened");
            browser.screenshot("auditor-events");

            browser.click("#audit-events a[href='#/audit/slot/" + slotId + "']");
            browser.untilText("#timeline", "SlotBooked");
            browser.click("form[aria-label='State at an instant'] button[type=submit]");
            browser.untilText("#state-facts", "BOOKED");
            browser.screenshot("auditor-slot-history");
        }
    }

    @Test
    void aPatientReschedulesByPickingANewSlot() {
        TestAccounts.Session doctor = accounts.doctor("Orthopedics");
        String booked = openSlot(api.as(doctor.accessToken()), doctor.accountId(), 13);
        String later = openSlot(api.as(doctor.accessToken()), doctor.accountId(), 15);
        TestAccounts.Session patient = accounts.patient();
        assertThat(api.as(patient.accessToken()).post("/api/slots/" + booked + "/book", Calendar.BOOK).status())
                .isEqualTo(201);

        try (Browser browser = Browser.open(api.baseUrl())) {
            browser.signIn(patient.email(), TestAccounts.PASSWORD);
            browser.go("/#/doctors/" + doctor.accountId() + "?week=" + weekOf(tomorrowAt(13)));
            browser.click("button.mine[data-slot-id='" + booked + "']");
            browser.click("#panel-title ~ .actions a[href*='reschedule=" + booked + "']");
            browser.untilText("h1", "Move your appointment");
            browser.click("button[data-slot-id='" + later + "']");
            browser.screenshot("patient-reschedule");
            browser.click("#move-here");
            browser.untilText("h1", "My appointments");
        }
        await().atMost(Duration.ofSeconds(20)).until(
                () -> api.get("/api/slots/" + later).json().get("status").asText().equals("BOOKED")
                        && api.get("/api/slots/" + booked).json().get("status").asText().equals("FREE"));
    }

    private static String weekOf(java.time.Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }
}
