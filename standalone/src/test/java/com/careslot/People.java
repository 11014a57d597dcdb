package com.careslot;

import java.util.UUID;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;

/** Doctors and patients with the names and specializations a read-model test needs, made through the API. */
final class People {

    private final HttpJson api;
    private final HttpJson asAdmin;
    private final TestAccounts accounts;

    People(HttpJson api, TestAccounts accounts, HttpJson asAdmin) {
        this.api = api;
        this.accounts = accounts;
        this.asAdmin = asAdmin;
    }

    /** A unique specialization, so a test sees only its own doctors in a shared database. */
    static String uniqueSpecialization(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A doctor onboarded by the admin (active, listed at once) who never signs in: the admin manages the slots. */
    UUID onboardedDoctor(String fullName, String specialization) {
        HttpJson.Response onboarded = asAdmin.post("/api/admin/doctors", "{\"email\":\"doctor-" + UUID.randomUUID()
                + "@example.test\",\"fullName\":\"" + fullName + "\",\"specialization\":\"" + specialization
                + "\",\"timeZone\":\"Europe/Berlin\"}");
        expect(onboarded, 201);
        return UUID.fromString(onboarded.json().get("doctorId").asText());
    }

    /** A signed-in doctor with that name and specialization. */
    TestAccounts.Session signedInDoctor(String fullName, String specialization) {
        TestAccounts.Session doctor = accounts.doctor(specialization);
        expect(api.as(doctor.accessToken()).patch("/api/doctors/" + doctor.accountId(),
                "{\"fullName\":\"" + fullName + "\"}"), 200);
        return doctor;
    }

    /** A verified, signed-in patient with that name. */
    TestAccounts.Session patient(String fullName) {
        String email = "patient-" + UUID.randomUUID() + "@example.test";
        expect(api.post("/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + TestAccounts.PASSWORD
                + "\",\"fullName\":\"" + fullName + "\"}"), 201);
        expect(api.post("/api/auth/verify", "{\"email\":\"" + email + "\",\"code\":\"" + accounts.codeFor(email)
                + "\"}"), 200);
        return accounts.login(email, TestAccounts.PASSWORD);
    }

    static void expect(HttpJson.Response response, int status) {
        if (response.status() != status) {
            throw new AssertionError("Expected " + status + " but got " + response);
        }
    }
}
