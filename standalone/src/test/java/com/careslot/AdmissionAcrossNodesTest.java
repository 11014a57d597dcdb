package com.careslot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.careslot.command.CommandSideApplication;
import com.fasterxml.jackson.databind.JsonNode;
import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;

/**
 * Two command-side nodes. An admin's decision on one node while another node changes the same doctor: the decision's
 * event and the account's standing commit together or not at all, also when the decision lost the append race and was
 * retried. And a processor failure handed from node to node: once the event is handled, both nodes are ready again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdmissionAcrossNodesTest {

    static ConfigurableApplicationContext otherNode;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void startASecondCommandSide() {
        otherNode = new SpringApplicationBuilder(CommandSideApplication.class)
                .properties("server.port=0", "spring.application.name=command-side-node-b")
                .run();
    }

    @AfterAll
    static void stop() {
        otherNode.close();
    }

    @Test
    void anApprovalRacingProfileEditsOnAnotherNodeIsRecordedInTheEventsAndTheAccountAlike() throws Exception {
        HttpJson nodeA = HttpJson.onPort(port);
        HttpJson nodeB = HttpJson.onPort(((WebServerApplicationContext) otherNode).getWebServer().getPort());
        String adminToken = new TestAccounts(nodeA).admin().accessToken();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 20; round++) {
                String email = "applicant-" + UUID.randomUUID() + "@example.test";
                String doctorId = nodeA.post("/api/auth/register-doctor", "{\"email\":\"" + email
                        + "\",\"password\":\"" + TestAccounts.PASSWORD + "\",\"fullName\":\"Dr. Race\","
                        + "\"specialization\":\"Dermatology\",\"timeZone\":\"UTC\"}").json().get("doctorId").asText();
                AtomicBoolean decided = new AtomicBoolean();
                List<Future<List<Integer>>> editors = new ArrayList<>();
                for (int editor = 0; editor < 4; editor++) {
                    int id = editor;
                    editors.add(threads.submit(() -> {
                        List<Integer> statuses = new ArrayList<>();
                        int edit = 0;
                        do { // at least one edit, however late this thread starts
                            statuses.add(nodeB.as(adminToken).patch("/api/doctors/" + doctorId,
                                    "{\"bio\":\"Editor " + id + ", edit " + edit++ + "\"}").status());
                        } while (!decided.get());
                        return statuses;
                    }));
                }

                // Four editors keep changing the doctor on the other node: the approval may lose its append race
                // more often than the gateway retries (8), and is then answered 409 concurrent-modification, "read it
                // again and retry" — which the admin does, at most a few times.
                HttpJson.Response approved = null;
                for (int attempt = 0; attempt < 5; attempt++) {
                    approved = nodeA.as(adminToken).post("/api/admin/doctors/" + doctorId + "/approve", null);
                    if (approved.status() != 409 || !approved.body().contains("concurrent-modification")) {
                        break;
                    }
                }
                decided.set(true);

                for (Future<List<Integer>> editor : editors) {
                    assertThat(editor.get(60, TimeUnit.SECONDS)).as("round %d", round).containsOnly(200);
                }
                long approvals = jdbc.queryForObject("select count(*) from event_store.domain_event_entry "
                        + "where aggregate_identifier = ? and payload_type = ?", Long.class, doctorId,
                        "com.careslot.api.doctor.DoctorApproved");
                String standing = jdbc.queryForObject("select status from command_side.account where account_id = ?",
                        String.class, UUID.fromString(doctorId));
                assertThat(approvals == 1 ? "ACTIVE" : "PENDING").as("round %d: the events and the account agree "
                        + "(approval answered %s)", round, approved).isEqualTo(standing);
                assertThat(approved.status()).as("round %d: %s", round, approved).isEqualTo(200);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Both nodes fail on the same event (a trigger refuses the processor's writes), each releasing the one segment to
     * the other; once the cause is gone, the node that holds the segment handles the event, and the node that does
     * not must not keep reporting its old failure: its readiness would stay 503 while the cluster is healthy.
     */
    @Test
    void aFailureHandedToTheOtherNodeIsNoLongerReportedOnceThatNodeHoldsTheSegment() {
        HttpJson nodeA = HttpJson.onPort(port);
        HttpJson nodeB = HttpJson.onPort(((WebServerApplicationContext) otherNode).getWebServer().getPort());
        TestAccounts accounts = new TestAccounts(nodeA);
        HttpJson adminA = nodeA.as(accounts.admin().accessToken());
        HttpJson adminB = nodeB.as(accounts.admin().accessToken());
        jdbc.execute("""
                create or replace function command_side.refuse_activity() returns trigger language plpgsql as
                $$ begin raise exception 'planted by the test'; end $$""");
        jdbc.execute("""
                create trigger refuse_activity before insert or update on command_side.patient_activity
                for each row execute function command_side.refuse_activity()""");
        try {
            accounts.patient(); // its PatientRegistered cannot be recorded by the patient-activity processor
            AtomicBoolean failedOnA = new AtomicBoolean();
            AtomicBoolean failedOnB = new AtomicBoolean();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
                failedOnA.compareAndSet(false, patientActivity(adminA).path("failing").asBoolean());
                failedOnB.compareAndSet(false, patientActivity(adminB).path("failing").asBoolean());
                return failedOnA.get() && failedOnB.get();
            });
        } finally {
            jdbc.execute("drop trigger refuse_activity on command_side.patient_activity");
            jdbc.execute("drop function command_side.refuse_activity()");
        }
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(patientActivity(adminA).path("failing").asBoolean()).as("node A failing").isFalse();
            assertThat(patientActivity(adminB).path("failing").asBoolean()).as("node B failing").isFalse();
            assertThat(nodeA.get("/actuator/health/readiness").status()).as("node A ready").isEqualTo(200);
            assertThat(nodeB.get("/actuator/health/readiness").status()).as("node B ready").isEqualTo(200);
        });
    }

    private static JsonNode patientActivity(HttpJson admin) {
        return admin.get("/actuator/health").json().path("components").path("eventProcessors").path("details")
                .path("processors").path("patient-activity");
    }
}
