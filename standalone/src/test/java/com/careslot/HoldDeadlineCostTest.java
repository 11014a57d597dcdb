package com.careslot;

import static com.careslot.Calendar.openSlot;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;

/**
 * Issue 17, point 3: confirming a hold cancels its one expiry deadline by its id. With 10,000 other holds pending,
 * booking a held slot prepares the same statements as with none, and none of them reads the deadline table beyond
 * the one row it deletes (cancelling "every deadline of this slot" made db-scheduler read and deserialise every
 * pending deadline of every slot).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HoldDeadlineCostTest {

    private static final int PENDING = 10_000;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void removeThePlantedDeadlines() {
        jdbc.update("delete from command_side.scheduled_tasks where task_instance like 'planted-%'");
    }

    @Test
    void confirmingOrReleasingAHoldCostsTheSameWithTenThousandHoldsPending() {
        HttpJson api = HttpJson.onPort(port);
        TestAccounts accounts = new TestAccounts(api);
        TestAccounts.Session doctor = accounts.doctor();
        HttpJson asDoctor = api.as(doctor.accessToken());
        HttpJson asPatient = api.as(accounts.patient().accessToken());

        List<String> bookedAlone = confirm(asPatient, openSlot(asDoctor, doctor.accountId(), 8));
        List<String> releasedAlone = release(asPatient, openSlot(asDoctor, doctor.accountId(), 9));

        // Ten thousand pending holds as db-scheduler keeps them: copies of a real hold's expiry, due next year.
        String original = openSlot(asDoctor, doctor.accountId(), 10);
        assertThat(asPatient.post("/api/slots/" + original + "/hold", "{}").status()).isEqualTo(201);
        int planted = jdbc.update("""
                insert into command_side.scheduled_tasks (task_name, task_instance, task_data, execution_time, picked,
                                                          version)
                select t.task_name, 'planted-' || n, t.task_data, now() + interval '365 days', false, 1
                  from (select task_name, task_data from command_side.scheduled_tasks
                         where task_name like '%eadline%' order by execution_time desc limit 1) t,
                       generate_series(1, ?) n""", PENDING);
        assertThat(planted).isEqualTo(PENDING);

        List<String> bookedAmongMany = confirm(asPatient, openSlot(asDoctor, doctor.accountId(), 11));
        List<String> releasedAmongMany = release(asPatient, openSlot(asDoctor, doctor.accountId(), 12));

        assertThat(bookedAmongMany).as("statements of a booking that confirms a hold").hasSameSizeAs(bookedAlone);
        assertThat(releasedAmongMany).as("statements of a release").hasSameSizeAs(releasedAlone);
        for (List<String> statements : List.of(bookedAmongMany, releasedAmongMany)) {
            List<String> deadlines = statements.stream()
                    .filter(sql -> sql.toLowerCase(Locale.ROOT).contains("scheduled_tasks")).toList();
            assertThat(deadlines).as("statements on the deadline table: the one deadline, by its key").isNotEmpty()
                    .allSatisfy(sql -> assertThat(sql.toLowerCase(Locale.ROOT)).contains("task_instance = ?"))
                    .anySatisfy(sql -> assertThat(sql.toLowerCase(Locale.ROOT)).startsWith("delete from"));
        }
    }

    private static List<String> confirm(HttpJson asPatient, String slot) {
        String holdId = asPatient.post("/api/slots/" + slot + "/hold", "{}").json().get("holdId").asText();
        return StatementCounting.statementsOfPost(asPatient, "/api/slots/" + slot + "/book",
                "{\"holdId\":\"" + holdId + "\"}", 201);
    }

    private static List<String> release(HttpJson asPatient, String slot) {
        assertThat(asPatient.post("/api/slots/" + slot + "/hold", "{}").status()).isEqualTo(201);
        return StatementCounting.statementsOfDelete(asPatient, "/api/slots/" + slot + "/hold", 204);
    }
}
