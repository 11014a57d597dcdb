package com.careslot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The README's screenshots, taken from a running {@code --demo} (not part of the suite: it runs only when
 * {@code -Dcareslot.readme.url=http://localhost:8080} names one; it books a demo appointment and cancels it again):
 * <pre>
 * java -jar standalone/target/careslot.jar --demo --careslot.data-dir=/tmp/careslot-readme
 * ./mvnw -pl standalone -am verify -Dtest=ReadmeScreenshots -Dcareslot.readme.url=http://localhost:8080 \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=NONE -Dfailsafe.failIfNoSpecifiedTests=false
 * </pre>
 * The pictures land in {@code docs/screenshots/}.
 */
class ReadmeScreenshots {

    private static final String PASSWORD = "demo-password-123";
    private static final Path DOCS = Path.of("..", "docs", "screenshots");

    @Test
    void takeThem() throws IOException {
        String url = System.getProperty("careslot.readme.url");
        Assumptions.assumeTrue(url != null && !url.isBlank(), "-Dcareslot.readme.url not set");
        try (Browser browser = Browser.open(url)) {
            browser.go("/#/find");
            browser.until(".cards li");
            save(browser, "find-doctor");
            browser.click(".cards li:has(h2:nth-child(1)) a.button");
            browser.until(".week button.slot");
            save(browser, "doctor-page");

            browser.signIn("pat.doe@demo.careslot", PASSWORD);
            browser.go("/#/find?q=Maya");
            browser.click(".cards li a.button");
            browser.click(".week button.slot:not(.mine)");
            browser.click("#book");
            browser.untilText("h1", "Booked");
            browser.phone();
            save(browser, "phone-booked");
            browser.desktop();
            browser.click("#sign-out");

            browser.signIn("rita.desk@demo.careslot", PASSWORD);
            browser.go("/#/desk?q=Pat");
            browser.click("#patients td:first-child a");
            browser.until("#appointments");
            save(browser, "front-desk-patient");
            browser.click("#appointments tbody tr:first-child button[data-action=cancel]");
            browser.until("dialog[open]");
            save(browser, "front-desk-cancel-dialog");
            browser.click("dialog[open] #confirm-action");
            browser.untilText("#appointment-list .notice", "cancelled");
            browser.click("#sign-out");

            browser.signIn("maya.chen@demo.careslot", PASSWORD);
            browser.until("#schedule");
            save(browser, "doctor-schedule");
            browser.click("#sign-out");

            browser.signIn("admin@careslot.local", "demo-admin-password");
            browser.until("#chart-bookings canvas");
            save(browser, "admin-dashboard");
            browser.click("#sign-out");

            browser.signIn("audrey.auditor@demo.careslot", PASSWORD);
            browser.type("input[name=type]", "SlotBooked");
            browser.click("form[role=search] button[type=submit]");
            browser.click("#audit-events a[href^='#/audit/slot/']");
            browser.until("#timeline");
            save(browser, "auditor-slot-history");
        }
    }

    private static void save(Browser browser, String name) throws IOException {
        Files.createDirectories(DOCS);
        Files.copy(browser.screenshot("readme-" + name), DOCS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
