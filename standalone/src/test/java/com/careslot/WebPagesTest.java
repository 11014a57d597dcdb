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
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;
import com.fasterxml.jackson.databind.JsonNode;

/** The web pages in a real headless Chromium against the running system: what a patient and a doctor do. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebPagesTest {

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
    void aVisitorOnAPhoneBrowsesSignsUpBooksInOneStepAndCancels() {
        TestAccounts.Session doctor = accounts.doctor("Cardiology");
        HttpJson asDoctor = api.as(doctor.accessToken());
        assertThat(asDoctor.patch("/api/doctors/" + doctor.accountId(), "{\"fullName\":\"Dr. Maya Chen\","
                + "\"bio\":\"Heart rhythm specialist.\",\"fee\":80,\"yearsOfExperience\":12,"
                + "\"qualifications\":[\"MD\",\"FESC\"]}").status()).isEqualTo(200);
        String slotId = openSlot(asDoctor, doctor.accountId(), 10);
        Instant far = Instant.now().plus(Duration.ofDays(100)).truncatedTo(ChronoUnit.HOURS);
        String farSlot = asDoctor.post("/api/doctors/" + doctor.accountId() + "/slots",
                Calendar.slotJson(far, far.plus(Duration.ofMinutes(30)))).json().get("slotId").asText();
        String email = "web-patient-" + UUID.randomUUID() + "@example.test";

        try (Browser browser = Browser.open(api.baseUrl())) {
            browser.phone();
            browser.go("/#/find?q=Maya");
            browser.untilText("h1", "Find a doctor");
            browser.until(".cards li[data-doctor-id='" + doctor.accountId() + "']");
            browser.axe("the directory");
            assertThat(browser.scrollsSideways()).as("the directory fits a phone").isFalse();
            assertThat(browser.all("#main .cards li.card img.photo")).as("every card has a photo or the placeholder")
                    .hasSameSizeAs(browser.all("#main .cards li.card"));
            assertThat((Long) browser.script("return Math.round(document.querySelector('header.top')"
                    + ".getBoundingClientRect().height);")).as("header height on a phone").isLessThanOrEqualTo(90L);
            browser.screenshot("phone-find-doctor");

            browser.click(".cards li[data-doctor-id='" + doctor.accountId() + "'] a.button");
            browser.untilText("h1", "Dr. Maya Chen");
            browser.until("button[data-slot-id='" + slotId + "']");
            assertThat(browser.text("#doctor-profile")).contains("Heart rhythm specialist.", "12 years", "MD, FESC",
                    "\u20ac80.00", "Careslot Test Clinic, 1 Example Street");
            browser.axe("a doctor's page");
            assertThat(browser.scrollsSideways()).as("the doctor's page fits a phone").isFalse();
            browser.screenshot("phone-doctor-page");

            browser.click("button[data-slot-id='" + slotId + "']");
            browser.until("#sign-in-to-book");
            assertThat(browser.inView("#panel-title")).as("the chosen time is where the eye is").isTrue();
            browser.click("#slot-panel a[href^='#/sign-up']");
            browser.untilText("h1", "Create a patient account");
            browser.type("input[name=fullName]", "Web Patient");
            browser.type("input[name=email]", email);
            browser.type("input[name=password]", TestAccounts.PASSWORD);
            browser.axe("sign-up");
            browser.click("form button[type=submit]");
            browser.until("input[name=code]");
            browser.type("input[name=code]", accounts.codeFor(email));
            browser.click("form button[type=submit]:not([name=resend])");

            browser.until("#book");
            assertThat(browser.text("h1")).isEqualTo("Dr. Maya Chen");
            browser.click("#book");
            browser.untilText("h1", "Booked");
            assertThat(browser.text("#appointment-facts")).contains("Dr. Maya Chen").contains(berlin(tomorrowAt(10)));
            assertThat(browser.inView("#booked")).as("the confirmation is where the eye is").isTrue();
            assertThat(browser.find("#add-to-calendar").getAttribute("download")).endsWith(".ics");
            String ics = (String) browser.script("return fetch(document.querySelector('#add-to-calendar').href).then(r => r.text());");
            assertThat(ics).contains("BEGIN:VEVENT", "SUMMARY:Appointment with Dr. Maya Chen",
                    "LOCATION:Careslot Test Clinic\\, 1 Example Street");
            browser.axe("the booking confirmation");
            assertThat(browser.scrollsSideways()).as("the confirmation fits a phone").isFalse();
            browser.screenshot("phone-booked");
            await().atMost(Duration.ofSeconds(20)).until(
                    () -> api.get("/api/slots/" + slotId).json().get("status").asText().equals("BOOKED"));

            browser.go("/#/doctors/" + doctor.accountId() + "?week=" + weekOf(far));
            browser.untilText("h1", "Dr. Maya Chen");
            browser.until(".week li");
            assertThat(browser.all("button[data-slot-id='" + farSlot + "']"))
                    .as("a slot beyond the booking window is not offered").isEmpty();

            browser.go("/#/appointments");
            browser.until("#appointments tr[data-slot-id='" + slotId + "']");
            assertThat(browser.text("#appointments tr[data-slot-id='" + slotId + "']")).contains("Dr. Maya Chen");
            assertThat(browser.scrollsSideways()).as("the appointments fit a phone").isFalse();
            browser.axe("my appointments");
            browser.screenshot("phone-appointments");
            browser.click("#download-my-data");
            browser.untilText(".my-data .notice", "Your data is downloaded");
            browser.click("#appointments tr[data-slot-id='" + slotId + "'] button[data-action=cancel]");
            browser.until("dialog[open] #confirm-action");
            browser.axe("the cancel dialog");
            browser.screenshot("phone-cancel-dialog");
            browser.click("dialog[open] #keep");
            browser.untilGone("dialog");
            assertThat(api.get("/api/slots/" + slotId).json().get("status").asText()).isEqualTo("BOOKED");
            browser.click("#appointments tr[data-slot-id='" + slotId + "'] button[data-action=cancel]");
            browser.click("dialog[open] #confirm-action");
            browser.untilText("#appointment-list .notice", "is cancelled");
            assertThat(browser.all("#appointments tr[data-slot-id='" + slotId + "']"))
                    .as("a cancelled visit leaves Upcoming").isEmpty();
            assertThat(api.get("/api/slots/" + slotId).json().get("status").asText()).isEqualTo("FREE");
            browser.screenshot("phone-cancelled");
        }
        assertThat(api.post("/api/slots/" + farSlot + "/book", BOOK).status()).isEqualTo(401);
    }

    @Test
    void aReceptionistFindsAPatientBooksForThemAndCancelsOnDesktopAndPhone() {
        People people = new People(api, accounts, api.as(accounts.admin().accessToken()));
        String tag = UUID.randomUUID().toString().substring(0, 6);
        TestAccounts.Session doctor = people.signedInDoctor("Dr. Desk " + tag, "Pediatrics");
        String slotId = openSlot(api.as(doctor.accessToken()), doctor.accountId(), 14);
        String phoneSlot = openSlot(api.as(doctor.accessToken()), doctor.accountId(), 15);
        TestAccounts.Session patient = people.patient("Rosa Front" + tag);
        String email = "web-desk-" + UUID.randomUUID() + "@example.test";

        try (Browser browser = Browser.open(api.baseUrl())) {
            browser.signIn(TestAccounts.ADMIN_EMAIL, TestAccounts.ADMIN_PASSWORD);
            browser.click("#nav a[href='#/admin/staff']");
            browser.untilText("h1", "Staff");
            browser.type("input[name=email]", email);
            browser.axe("the staff page");
            browser.click("form button[type=submit]");
            browser.untilText("#staff-result", "invitation is on its way");
            browser.click("#sign-out");
            browser.untilText("h1", "Sign in");
            assertThat(api.post("/api/auth/accept-invite", "{\"token\":\"" + accounts.inviteFor(email)
                    + "\",\"password\":\"" + TestAccounts.PASSWORD + "\"}").status()).isEqualTo(204);

            browser.signIn(email, TestAccounts.PASSWORD);
            browser.untilText("h1", "Front desk");
            deskBooksAndCancels(browser, tag, doctor, patient, slotId, "desk");
            browser.phone();
            deskBooksAndCancels(browser, tag, doctor, patient, phoneSlot, "phone-desk");
        }
    }

    /** The front desk's main flow: find the patient, book for them, cancel with a reason; the same on a phone. */
    private void deskBooksAndCancels(Browser browser, String tag, TestAccounts.Session doctor,
                                     TestAccounts.Session patient, String slotId, String shots) {
        browser.go("/#/desk");
        browser.untilText("h1", "Front desk");
        browser.type("#patient-q", "front" + tag);
        browser.click("form[role=search] button[type=submit]");
        browser.until("#patients tr[data-patient-id='" + patient.accountId() + "']");
        assertThat(browser.scrollsSideways()).as(shots + ": the patient search fits").isFalse();
        browser.axe(shots + ": the front desk's patient search");
        browser.screenshot(shots + "-search");
        browser.click("#patients tr[data-patient-id='" + patient.accountId() + "'] td:first-child a");
        browser.untilText("h1", "Rosa Front" + tag);
        browser.axe(shots + ": a patient at the front desk");
        browser.click("#book-for");
        browser.untilText("h1", "Book for a patient");
        browser.type("#find-q", "Desk " + tag);
        browser.click("form[role=search] button[type=submit]");
        browser.click(".cards li[data-doctor-id='" + doctor.accountId() + "'] a.button");
        browser.untilText("#acting-for", "Rosa Front" + tag);
        browser.click("button[data-slot-id='" + slotId + "']");
        browser.click("#book");
        browser.untilText("h1", "Booked");
        assertThat(browser.text("#appointment-facts")).contains("Rosa Front" + tag, "Dr. Desk " + tag);
        assertThat(browser.inView("#booked")).as(shots + ": the confirmation is in view").isTrue();
        browser.screenshot(shots + "-booked");
        await().atMost(Duration.ofSeconds(20)).until(() -> api.as(patient.accessToken())
                .get("/api/patients/me/appointments").json().get("items").findValuesAsText("slotId").contains(slotId));

        browser.click("a[href='#/desk/patients/" + patient.accountId() + "']");
        browser.click("#appointments tr[data-slot-id='" + slotId + "'] button[data-action=cancel]");
        browser.type("dialog[open] textarea[name=reason]", "Rosa phoned to cancel");
        browser.click("dialog[open] #confirm-action");
        browser.untilText("#appointment-list .notice", "is cancelled");
        assertThat(browser.scrollsSideways()).as(shots + ": the patient's page fits").isFalse();
        assertThat(api.get("/api/slots/" + slotId).json().get("status").asText()).isEqualTo("FREE");
    }

    @Test
    void aDoctorIsOfferedOnlyWhatTheSlotsStateAndTimeAllowAndCancelsWithAReason() {
        TestAccounts.Session doctor = accounts.doctor("Pulmonology");
        HttpJson asDoctor = api.as(doctor.accessToken());
        Instant soon = Instant.now().plusSeconds(3);
        String started = asDoctor.post("/api/doctors/" + doctor.accountId() + "/slots",
                Calendar.slotJson(soon, soon.plus(Duration.ofMinutes(30)))).json().get("slotId").asText();
        String booked = openSlot(asDoctor, doctor.accountId(), 9);
        assertThat(api.as(accounts.patient().accessToken()).post("/api/slots/" + booked + "/book", BOOK).status())
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(soon.plusSeconds(1)));

        try (Browser browser = Browser.open(api.baseUrl())) {
            browser.signIn(doctor.email(), TestAccounts.PASSWORD);
            browser.go("/#/schedule?view=day&date=" + soon.atZone(java.time.ZoneId.of("Europe/Berlin")).toLocalDate());
            browser.until("#schedule tr[data-slot-id='" + started + "']");
            assertThat(browser.all("#schedule tr[data-slot-id='" + started + "'] button"))
                    .as("no Block or Remove for a slot that has started").isEmpty();

            browser.go("/#/schedule?view=week&date=" + tomorrowAt(9).atZone(java.time.ZoneId.of("Europe/Berlin")).toLocalDate());
            String row = "#schedule tr[data-slot-id='" + booked + "']";
            browser.until(row + " button[data-action=Cancel]");
            assertThat(browser.all(row + " button")).extracting(e -> e.getAttribute("data-action"))
                    .as("no check-in or no-show a day ahead").containsExactly("Cancel");
            browser.axe("the doctor's schedule");
            browser.click(row + " button[data-action=Cancel]");
            browser.click("dialog[open] #confirm-action");
            browser.until("dialog[open] textarea[aria-invalid=true]");
            browser.type("dialog[open] textarea[name=reason]", "Called away to the ward");
            browser.click("dialog[open] #confirm-action");
            browser.until("#schedule tr[data-slot-id='" + booked + "'][data-status=FREE]");
            assertThat(api.get("/api/slots/" + booked).json().get("status").asText()).isEqualTo("FREE");

            browser.phone();
            browser.go("/#/schedule?view=week&date=" + tomorrowAt(9).atZone(java.time.ZoneId.of("Europe/Berlin")).toLocalDate());
            browser.until("#schedule tr[data-slot-id='" + booked + "']");
            assertThat(browser.scrollsSideways()).as("the schedule fits a phone").isFalse();
            browser.axe("the doctor's schedule on a phone");
            browser.screenshot("phone-doctor-schedule");
        }
    }

    @Test
    void anAdminFiltersAppointmentsByTheDoctorsNameAndCancelsWithAReason() {
        HttpJson asAdmin = api.as(accounts.admin().accessToken());
        People people = new People(api, accounts, asAdmin);
        String name = "Dr. Filter " + UUID.randomUUID().toString().substring(0, 6);
        TestAccounts.Session doctor = people.signedInDoctor(name, "Rheumatology");
        String slotId = openSlot(api.as(doctor.accessToken()), doctor.accountId(), 17);
        TestAccounts.Session patient = people.patient("Filtered Patient");
        HttpJson.Response booked = api.as(patient.accessToken()).post("/api/slots/" + slotId + "/book", BOOK);
        assertThat(booked.status()).isEqualTo(201);

        try (Browser browser = Browser.open(api.baseUrl())) {
            browser.signIn(TestAccounts.ADMIN_EMAIL, TestAccounts.ADMIN_PASSWORD);
            browser.untilText("h1", "Dashboard");
            browser.go("/#/admin/appointments");
            browser.untilText("h1", "All appointments");
            browser.type("input[name=doctor]", name);
            browser.click("form[role=search] button[type=submit]");
            browser.until("#admin-appointments tr[data-slot-id='" + slotId + "']");
            assertThat(browser.all("#admin-appointments tbody tr")).hasSize(1);
            assertThat(browser.text("#admin-appointments")).contains(name, "Filtered Patient");
            browser.axe("the admin's appointments");
            browser.click("#admin-appointments tr[data-slot-id='" + slotId + "'] button.danger");
            browser.type("dialog[open] textarea[name=reason]", "Clinic closed for the day");
            browser.click("dialog[open] #confirm-action");
            browser.untilText("#appointments-list .notice", "is cancelled");
            browser.untilText("#admin-appointments tr[data-slot-id='" + slotId + "']", "Cancelled");
            assertThat(browser.all("#admin-appointments tr[data-slot-id='" + slotId + "'] button")).isEmpty();
            browser.phone();
            assertThat(browser.scrollsSideways()).as("the admin's appointments fit a phone").isFalse();
            browser.screenshot("phone-admin-appointments");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> asAdmin.get("/api/appointments/"
                + booked.json().get("appointmentId").asText()).json().path("cancellationReason").asText()
                .equals("Clinic closed for the day"));
    }

    @Test
    void aPatientBooksWithTheKeyboardAlone() {
        TestAccounts.Session doctor = accounts.doctor("Endocrinology");
        String slotId = openSlot(api.as(doctor.accessToken()), doctor.accountId(), 12);
        TestAccounts.Session other = accounts.doctor("Endocrinology");
        String clashing = openSlot(api.as(other.accessToken()), other.accountId(), 12);
        String free = openSlot(api.as(other.accessToken()), other.accountId(), 13);
        Instant later3Weeks = tomorrowAt(9).plus(Duration.ofDays(21));
        String later = api.as(other.accessToken()).post("/api/doctors/" + other.accountId() + "/slots",
                Calendar.slotJson(later3Weeks, later3Weeks.plus(Duration.ofMinutes(30)))).json().get("slotId").asText();
        TestAccounts.Session patient = accounts.patient();
        try (Browser browser = Browser.open(api.baseUrl())) {
            browser.signIn(patient.email(), TestAccounts.PASSWORD);
            browser.go("/#/doctors/" + doctor.accountId());
            browser.until("button[data-slot-id='" + slotId + "']");
            tabUntil(browser, "return document.activeElement?.dataset?.slotId === arguments[0];", slotId);
            browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
            browser.until("#book");
            tabUntil(browser, "return document.activeElement?.id === 'book';", null);
            browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
            browser.untilText("h1", "Booked");

            browser.go("/#/doctors/" + other.accountId());
            browser.until("button[data-slot-id='" + free + "']");
            assertThat(browser.all("button[data-slot-id='" + clashing + "']"))
                    .as("a time overlapping one's own appointment is not offered").isEmpty();

            String thisWeek = browser.text("#week-title");
            browser.click("#next-available");
            browser.until("button[data-slot-id='" + later + "']");
            assertThat(browser.text("#week-title")).as("the week of the next free time").isNotEqualTo(thisWeek);
            String zone = (String) browser.script("return Intl.DateTimeFormat().resolvedOptions().timeZone;");
            if (!"Europe/Berlin".equals(zone)) {
                browser.click("#zone-switch");
                browser.untilText("#zone", "your time");
                assertThat(browser.text("button[data-slot-id='" + later + "']")).as("the time in the viewer's zone")
                        .startsWith(later3Weeks.atZone(java.time.ZoneId.of(zone)).toLocalTime().toString());
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(
                () -> api.get("/api/slots/" + slotId).json().get("status").asText().equals("BOOKED"));
    }

    /** Presses Tab until the condition holds, as someone without a mouse would; fails after 80 presses. */
    private static void tabUntil(Browser browser, String condition, Object argument) {
        for (int i = 0; i < 80; i++) {
            if (Boolean.TRUE.equals(browser.script(condition, argument))) {
                return;
            }
            browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        throw new AssertionError("Tab never reached the element: " + condition);
    }

    @Test
    void aDoctorOpensARecurringRuleAndSeesTheSlotsInTheSchedule() {
        TestAccounts.Session doctor = accounts.doctor("Dermatology");
        try (Browser browser = Browser.open(api.baseUrl())) {
            browser.phone(); // the doctor's main flow on a phone; the desktop runs in the test above
            browser.signIn(doctor.email(), TestAccounts.PASSWORD);
            browser.untilText("h1", "My week");
            browser.click("#nav a[href='#/availability']");
            browser.untilText("h1", "Open slots");
            LocalDate monday = LocalDate.now(ZoneOffset.UTC).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
            browser.script("document.querySelector('input[name=validFrom]').value = arguments[0];"
                    + "document.querySelector('input[name=validUntil]').value = arguments[1];",
                    monday.toString(), monday.plusDays(4).toString());
            browser.type("input[name=slotMinutes]", "60");
            browser.axe("the availability form");
            browser.screenshot("doctor-availability");
            browser.click("section:has(#recurring) button[type=submit]");
            browser.untilText("#availability-result", "Opened 15 slots");
            browser.click("#see-schedule");
            browser.until("#schedule tr[data-status=FREE]");
            assertThat(browser.all("#schedule tr[data-status=FREE]")).hasSizeGreaterThanOrEqualTo(3);
            assertThat(browser.scrollsSideways()).as("the doctor's week fits a phone").isFalse();
            browser.axe("the doctor's week");
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

            browser.click("#nav a[href='#/availability']");
            browser.untilText("#rules", "60-minute slots");
            assertThat(browser.text("#rules")).contains("Mondays", "Fridays", "09:00\u201312:00");
            browser.click("#rules button[data-action=end-rule]");
            browser.click("dialog[open] #confirm-action");
            browser.untilText("#rule-ended", "14 free slots removed"); // the edited slot is no longer the rule's
            assertThat(browser.text("#rules")).contains("ended");
            browser.axe("the doctor's rules");
            await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/slots?status=FREE&doctorId="
                    + doctor.accountId()).json().get("items").findValuesAsText("slotId").equals(java.util.List.of(slotId)));
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
            second.until("#hold-left");
            assertThat(second.text("#hold-left")).matches("[0-5]:\\d\\d");
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
            // reaches Careslot; the open page sees the booking and shows the appointment, paid.
            String intentId = StripeDouble.intentForSlot(slotId);
            assertThat(StripeDouble.deliver(api, StripeDouble.succeed(intentId)).status()).isEqualTo(200);
            browser.untilText("h1", "Booked");
            browser.untilText("#appointment-facts", "Paid EUR 45.50");
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
            browser.axe("the dashboard");
            browser.screenshot("admin-dashboard");
            browser.phone();
            browser.go("/#/dashboard");
            browser.until("#chart-bookings canvas");
            assertThat(browser.scrollsSideways()).as("the dashboard fits a phone").isFalse();
            browser.screenshot("phone-admin-dashboard");
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
            browser.untilGone("#sign-out");
            browser.untilText("h1", "Sign in");
            signInHere(browser, doctor.email());
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
            browser.untilGone("#sign-out");
            browser.untilText("h1", "Sign in");
            signInHere(browser, accounts.patient().email());
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
            browser.axe("the admin's doctors page");
            browser.screenshot("admin-doctors");
        }
        assertThat(accounts.inviteFor(email)).isNotBlank();
    }

    @Test
    void hostileNamesShowAsTheirTextAndRunNothing() {
        String hostile = "<img src=x onerror=\"window.pwned=1\">Dr. <script>window.pwned=2</script>Hostile & Co";
        TestAccounts.Session doctor = accounts.doctor("Care <b onmouseover=window.pwned=3>bold</b>");
        HttpJson asDoctor = api.as(doctor.accessToken());
        HttpJson.Response renamed = asDoctor.patch("/api/doctors/" + doctor.accountId(),
                "{\"fullName\":\"" + hostile.replace("\"", "\\\"") + "\"}");
        assertThat(renamed.status()).as(renamed.toString()).isBetween(200, 204);
        assertThat(asDoctor.after(renamed).get("/api/doctors/" + doctor.accountId()).json().path("fullName").asText())
                .isEqualTo(hostile);
        TestAccounts.Session patient = accounts.patient();
        try (Browser browser = Browser.open(api.baseUrl())) {
            browser.signIn(patient.email(), TestAccounts.PASSWORD);
            browser.go("/#/doctors/" + doctor.accountId());
            browser.untilText("h1", "Hostile & Co");
            assertThat(browser.text("h1")).isEqualTo(hostile);
            assertThat(browser.all("h1 img, h1 script, main b[onmouseover]")).isEmpty();
            assertThat(browser.script("return window.pwned === undefined")).isEqualTo(true);
        }
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
            browser.axe("a sign-up with problems");
            browser.screenshot("sign-up-problem");
        }
    }

    @Test
    void anAuditorFindsASlotsEventsAndItsHistory() {
        TestAccounts.Session doctor = accounts.doctor("Audiology");
        String slotId = openSlot(api.as(doctor.accessToken()), doctor.accountId(), 12);
        String name = "Audited Patient " + UUID.randomUUID().toString().substring(0, 6);
        TestAccounts.Session patient = new People(api, accounts, api.as(accounts.admin().accessToken())).patient(name);
        UUID patientId = patient.accountId();
        api.as(patient.accessToken()).post("/api/slots/" + slotId + "/book", Calendar.BOOK);
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
            browser.axe("the audit events");
            browser.screenshot("auditor-events");
            browser.phone();
            assertThat(browser.scrollsSideways()).as("the audit events fit a phone").isFalse();
            browser.desktop();

            browser.click("#audit-events a[href='#/audit/slot/" + slotId + "']");
            browser.untilText("#timeline", "SlotBooked");
            assertThat(browser.text("#timeline")).as("people by name, not ids").contains("Dr. Test (doctor)",
                    name + " (patient)");
            assertThat(browser.text("h1")).startsWith("Slot history: Dr. Test, ");
            browser.click("form[aria-label='State at an instant'] button[type=submit]");
            browser.untilText("#state-facts", "BOOKED");
            browser.axe("a slot's history");

            browser.go("/#/audit");
            browser.type("input[name=who]", name);
            browser.type("input[name=aggregateId]", slotId);
            browser.click("form[role=search] button[type=submit]");
            browser.untilText("#audit-events", "SlotBooked");
            assertThat(browser.driver.getCurrentUrl()).as("the name became the account id")
                    .contains("actor=" + patientId);
            assertThat(browser.text("#audit-events")).doesNotContain("SlotOpened");
            browser.screenshot("auditor-slot-history");
            browser.phone();
            assertThat(browser.scrollsSideways()).as("a slot's history fits a phone").isFalse();
            browser.desktop();

            HttpJson asAdmin = api.as(accounts.admin().accessToken());
            await().atMost(Duration.ofSeconds(15)).until(() -> asAdmin.get("/api/audit/access?patientId=" + patientId)
                    .json().path("items").toString().contains("slot-as-of"));
            browser.go("/#/audit/access");
            browser.untilText("h1", "Access log");
            browser.type("input[name=patient]", name);
            browser.click("form[role=search] button[type=submit]");
            browser.untilText("#access-log", "slot-as-of");
            assertThat(browser.driver.getCurrentUrl()).contains("patientId=" + patientId);
            assertThat(browser.text("#access-log")).as("who read it, by role").contains("auditor", name);
            browser.axe("the access log");
            browser.screenshot("auditor-access-log");
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
            browser.go("/#/appointments");
            browser.click("#appointments tr[data-slot-id='" + booked + "'] a[href*='reschedule=" + booked + "']");
            browser.untilText("h1", "Move the appointment");
            browser.click("button[data-slot-id='" + later + "']");
            browser.screenshot("patient-reschedule");
            browser.click("#move-here");
            browser.untilText("h1", "Moved");
            browser.untilText("#appointment-facts", berlin(tomorrowAt(15)));
        }
        await().atMost(Duration.ofSeconds(20)).until(
                () -> api.get("/api/slots/" + later).json().get("status").asText().equals("BOOKED")
                        && api.get("/api/slots/" + booked).json().get("status").asText().equals("FREE"));
    }

    /** "11:00": the time of an instant on the pages of a doctor in Europe/Berlin (TestAccounts' doctors). */
    private static String berlin(Instant instant) {
        return instant.atZone(java.time.ZoneId.of("Europe/Berlin")).toLocalTime().toString();
    }

    private static String weekOf(java.time.Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    /** Signs in on the sign-in page the browser shows after signing out (no second navigation to race with). */
    private static void signInHere(Browser browser, String email) {
        browser.type("input[name=email]", email);
        browser.type("input[name=password]", TestAccounts.PASSWORD);
        browser.click("form button[type=submit]");
        browser.until("#sign-out");
    }

}
