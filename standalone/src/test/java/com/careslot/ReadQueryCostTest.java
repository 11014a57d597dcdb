package com.careslot;

import static com.careslot.Calendar.BOOK;
import static com.careslot.Calendar.openSlot;
import static com.careslot.DoctorDirectoryTest.encode;
import static com.careslot.StatementCounting.statementsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * No N+1: a page of the directory (each doctor with the next free slot) and a page of appointments (each with the
 * doctor's and the patient's name) cost the same number of SQL statements for one row as for five (or nine):
 * one for the page, one for its total.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadQueryCostTest {

    /** The page itself and its total. */
    static final int STATEMENTS_PER_PAGE = 2;
    /** An admin's read of patients' appointments is recorded in the access log: one append (docs/PRIVACY.md). */
    static final int ACCESS_RECORD = 1;

    @LocalServerPort
    int port;
    HttpJson api;
    HttpJson asAdmin;
    TestAccounts accounts;
    People people;

    @BeforeEach
    void setUp() {
        api = HttpJson.onPort(port);
        accounts = new TestAccounts(api);
        asAdmin = api.as(accounts.admin().accessToken());
        people = new People(api, accounts, asAdmin);
    }

    @Test
    void aDirectoryPageCostsTheSameStatementsForOneDoctorAsForFive() {
        String specialization = People.uniqueSpecialization("Cost");
        String page = "/api/doctors?size=50&specialization=" + encode(specialization);
        addDoctorWithAFreeSlot(specialization, 0);
        awaitDoctorsWithFreeSlots(page, 1);
        int forOne = statementsOf(api, page);

        for (int i = 1; i < 5; i++) {
            addDoctorWithAFreeSlot(specialization, i);
        }
        awaitDoctorsWithFreeSlots(page, 5);
        int forFive = statementsOf(api, page);

        assertThat(forOne).isEqualTo(STATEMENTS_PER_PAGE);
        assertThat(forFive).isEqualTo(forOne);
    }

    @Test
    void anAppointmentPageCostsTheSameStatementsForOneAppointmentAsForFive() {
        UUID doctorId = people.onboardedDoctor("Dr. Cost Counter", People.uniqueSpecialization("Cost"));
        String adminPage = "/api/admin/appointments?size=50&doctorId=" + doctorId;
        TestAccounts.Session patient = people.patient("Patty Counted");
        HttpJson asPatient = api.as(patient.accessToken());
        book(asPatient, openSlot(asAdmin, doctorId, 7));
        awaitAppointments(adminPage, 1);
        int forOne = statementsOf(asAdmin, adminPage);
        int mineForOne = statementsOf(asPatient, "/api/patients/me/appointments");

        for (int i = 1; i < 5; i++) {
            HttpJson other = api.as(people.patient("Patient " + i).accessToken());
            book(other, openSlot(asAdmin, doctorId, 7 + i));
            book(asPatient, openSlot(asAdmin, doctorId, 13 + i));
        }
        awaitAppointments(adminPage, 9);
        int forNine = statementsOf(asAdmin, adminPage);
        int mineForFive = statementsOf(asPatient, "/api/patients/me/appointments");

        assertThat(forOne).isEqualTo(STATEMENTS_PER_PAGE + ACCESS_RECORD);
        assertThat(forNine).isEqualTo(forOne);
        assertThat(mineForOne).isEqualTo(STATEMENTS_PER_PAGE);
        assertThat(mineForFive).isEqualTo(mineForOne);
        JsonNode names = asAdmin.get(adminPage).json();
        assertThat(names.get("items").findValuesAsText("patientName")).hasSize(9).doesNotContainNull();
        assertThat(names.get("items").findValuesAsText("doctorName")).containsOnly("Dr. Cost Counter");
    }

    private void addDoctorWithAFreeSlot(String specialization, int i) {
        UUID doctorId = people.onboardedDoctor("Dr. Cost " + i, specialization);
        openSlot(asAdmin, doctorId, 8 + i);
    }

    private void awaitDoctorsWithFreeSlots(String page, int doctors) {
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get(page).json(),
                found -> found.get("totalItems").asInt() == doctors
                        && found.get("items").findValues("nextFreeSlot").size() == doctors);
    }

    private void awaitAppointments(String page, int appointments) {
        await().atMost(Duration.ofSeconds(10)).until(() -> asAdmin.get(page).json(),
                found -> found.get("totalItems").asInt() == appointments
                        && found.get("items").findValuesAsText("patientName").size() == appointments);
    }

    private static void book(HttpJson patient, String slotId) {
        HttpJson.Response booked = patient.post("/api/slots/" + slotId + "/book", BOOK);
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
    }
}
