package com.careslot;

import static com.careslot.Calendar.BOOK;
import static com.careslot.Calendar.openSlot;
import static com.careslot.SlotApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * Issue 20: a paid appointment is booked only when Stripe says the money is there. Stripe is {@link StripeDouble}
 * (WireMock answering with Stripe's published fixtures); webhooks are signed as Stripe signs them and delivered over
 * HTTP to the running system; everything else is real (PostgreSQL, db-scheduler's deadlines, SMTP).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class PaymentTest {

    static final String WEBHOOK = "/api/payments/stripe/webhook";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    HttpJson api;
    TestAccounts accounts;
    Mailbox mailbox;
    HttpJson asAdmin;
    TestAccounts.Session doctor;
    HttpJson asDoctor;
    TestAccounts.Session patient;
    HttpJson asPatient;

    @BeforeAll
    static void freshRequestLog() {
        StripeDouble.reset();
    }

    @BeforeEach
    void aDoctorPaidOnline() {
        api = HttpJson.onPort(port);
        accounts = new TestAccounts(api);
        mailbox = new Mailbox(api);
        asAdmin = api.as(accounts.admin().accessToken());
        doctor = accounts.doctor("Dermatology");
        asDoctor = api.as(doctor.accessToken());
        patient = accounts.patient();
        asPatient = api.as(patient.accessToken());
        assertThat(asDoctor.patch("/api/doctors/" + doctor.accountId(), "{\"fee\":80.00}").status()).isEqualTo(200);
        payOnline(doctor.accountId(), true);
    }

    @Test
    void aPaidHoldAsksStripeForTheFeeAndOnlyTheSignedWebhookBooksIt() {
        String slotId = openSlot(asDoctor, doctor.accountId(), 9);

        HttpJson.Response hold = asPatient.post("/api/slots/" + slotId + "/hold", null);

        assertThat(hold.status()).as(hold.toString()).isEqualTo(201);
        String holdId = hold.json().get("holdId").asText();
        JsonNode payment = hold.json().get("payment");
        assertThat(payment.get("amount").asLong()).isEqualTo(8000);
        assertThat(payment.get("currency").asText()).isEqualTo("eur");
        assertThat(payment.get("publishableKey").asText()).isEqualTo(StripeDouble.PUBLISHABLE_KEY);
        String intentId = payment.get("paymentIntentId").asText();
        assertThat(payment.get("clientSecret").asText()).startsWith(intentId + "_secret_");

        LoggedRequest created = onlyRequest("/v1/payment_intents", intentId);
        Map<String, String> form = StripeDouble.form(created);
        String appointmentId = form.get("metadata[appointment_id]");
        assertThat(form).containsEntry("amount", "8000").containsEntry("currency", "eur")
                .containsEntry("metadata[slot_id]", slotId).containsEntry("metadata[hold_id]", holdId)
                .containsEntry("metadata[patient_id]", patient.accountId().toString());
        assertThat(created.getHeader("Idempotency-Key")).isEqualTo("careslot-hold-" + holdId);
        assertThat(created.getHeader("Authorization")).isEqualTo("Bearer " + StripeDouble.SECRET_KEY);
        assertThat(form.keySet()).as("no card data is ever sent by Careslot").noneMatch(k -> k.contains("card"));

        assertProblem(asPatient.post("/api/slots/" + slotId + "/book", "{\"holdId\":\"" + holdId + "\"}"), 422,
                "payment-required");
        assertThat(deliver(StripeDouble.succeed(intentId)).status()).isEqualTo(200);

        JsonNode booked = awaitSlot(slotId, "BOOKED");
        assertThat(booked.get("appointmentId").asText()).isEqualTo(appointmentId);
        assertThat(pendingExpiries(slotId)).as("the booking cancelled the hold's expiry").isZero();
        assertThat(types(slotId)).containsExactly("SlotOpened", "SlotHeld", "SlotBooked");
        assertThat(types(appointmentId)).containsExactly("PaymentRequested", "PaymentSucceeded");
        JsonNode succeeded = audit(appointmentId).get(1).get("payload");
        assertThat(succeeded.get("paymentIntentId").asText()).isEqualTo(intentId);
        assertThat(succeeded.get("amount").asLong()).isEqualTo(8000);
        assertThat(succeeded.get("booked").asBoolean()).isTrue();
        assertThat(audit(appointmentId).toString()).doesNotContain("_secret_");
        for (HttpJson reader : List.of(asPatient, asDoctor, asAdmin)) {
            JsonNode paid = await().atMost(Duration.ofSeconds(10)).until(() -> reader.get("/api/appointments/"
                    + appointmentId).json().path("payment"), p -> "paid".equals(p.path("status").asText()));
            assertThat(paid.get("amount").decimalValue()).isEqualByComparingTo("80.00");
            assertThat(paid.get("currency").asText()).isEqualTo("eur");
            assertThat(paid.get("paymentIntentId").asText()).isEqualTo(intentId);
        }
        JsonNode receipt = mailbox.awaitOne(patient.email(), "Receipt");
        assertThat(receipt.get("subject").asText()).contains("EUR 80.00");
        assertThat(receipt.get("text").asText()).contains("Paid: EUR 80.00", intentId, appointmentId);
    }

    @Test
    void holdingAgainFindsTheSamePaymentIntent() {
        String slotId = openSlot(asDoctor, doctor.accountId(), 10);
        JsonNode first = asPatient.post("/api/slots/" + slotId + "/hold", null).json();

        JsonNode again = asPatient.post("/api/slots/" + slotId + "/hold", null).json();

        assertThat(again.get("payment").get("paymentIntentId")).isEqualTo(first.get("payment").get("paymentIntentId"));
        assertThat(again.get("payment").get("clientSecret")).isEqualTo(first.get("payment").get("clientSecret"));
        String appointmentId = UUID.nameUUIDFromBytes(("careslot:paid-appointment:" + first.get("holdId").asText())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        assertThat(types(appointmentId)).containsExactly("PaymentRequested");
    }

    @Test
    void aRedeliveredWebhookIsAcknowledgedAndChangesNothing() {
        String slotId = openSlot(asDoctor, doctor.accountId(), 11);
        String intentId = holdAndPay(slotId);
        StripeDouble.Webhook succeeded = StripeDouble.succeed(intentId);
        assertThat(deliver(succeeded).status()).isEqualTo(200);
        awaitSlot(slotId, "BOOKED");

        HttpJson.Response again = deliver(succeeded);

        assertThat(again.status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select count(*) from command_side.stripe_event where event_id = ?",
                Integer.class, succeeded.eventId())).isEqualTo(1);
        assertThat(storedTypes(slotId)).containsExactly("SlotOpened", "SlotHeld", "SlotBooked");
    }

    @Test
    void aBadSignatureIsRefusedWith400AndRecordsNothing() {
        String slotId = openSlot(asDoctor, doctor.accountId(), 12);
        String intentId = holdAndPay(slotId);
        StripeDouble.Webhook good = StripeDouble.succeed(intentId);

        List<HttpJson.Response> refused = List.of(
                deliver(good.payload(), StripeDouble.sign(good.payload(), Instant.now(), "whsec_someone_else")),
                deliver(good.payload().replace("8000", "1"), good.signature()),
                deliver(good.payload(), StripeDouble.sign(good.payload(), Instant.now().minus(Duration.ofMinutes(6)),
                        StripeDouble.WEBHOOK_SECRET)),
                deliver(good.payload(), null));

        assertThat(refused).allSatisfy(response -> {
            assertProblem(response, 400, "invalid-signature");
            assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo("Stripe-Signature");
        });
        assertThat(jdbc.queryForObject("select count(*) from command_side.stripe_event where event_id = ?",
                Integer.class, good.eventId())).isZero();
        assertThat(storedTypes(slotId)).containsExactly("SlotOpened", "SlotHeld");
    }

    @Test
    void eventTypesCareslotDoesNotUseAreAcknowledgedAndIgnored() {
        ObjectNode plan = (ObjectNode) StripeDouble.fixture("event").get("data").get("object");
        StripeDouble.Webhook planCreated = StripeDouble.webhook("plan.created", plan);
        ObjectNode foreignIntent = StripeDouble.fixture("payment_intent");
        StripeDouble.Webhook notOurs = StripeDouble.webhook("payment_intent.succeeded", foreignIntent);

        assertThat(deliver(planCreated).status()).isEqualTo(200);
        assertThat(deliver(notOurs).status()).as("an intent without our metadata").isEqualTo(200);
    }

    @Test
    void aDeclinedPaymentCancelsTheIntentAndFreesTheSlot() {
        String slotId = openSlot(asDoctor, doctor.accountId(), 13);
        String intentId = holdAndPay(slotId);

        assertThat(deliver(StripeDouble.fail(intentId)).status()).isEqualTo(200);

        awaitSlot(slotId, "FREE");
        assertThat(StripeDouble.requests("POST", "/v1/payment_intents/" + intentId + "/cancel")).hasSize(1);
        assertThat(StripeDouble.intent(intentId).get("status").asText()).isEqualTo("canceled");
        assertThat(types(appointmentOf(intentId))).containsExactly("PaymentRequested", "PaymentFailed");
        assertThat(pendingExpiries(slotId)).isZero();
    }

    @Test
    void theHoldsExpiryCancelsTheIntent() {
        String slotId = openSlot(asDoctor, doctor.accountId(), 14);
        String intentId = holdAndPay(slotId);

        expireHoldNow(slotId);

        awaitSlot(slotId, "FREE");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(StripeDouble.intent(intentId).get("status").asText()).isEqualTo("canceled"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(types(appointmentOf(intentId)))
                .containsExactly("PaymentRequested", "PaymentFailed"));
        assertThat(audit(appointmentOf(intentId)).get(1).get("payload").get("reason").asText())
                .isEqualTo("hold-expired");
    }

    @Test
    void aPaymentThatArrivesAfterTheSlotWentToSomeoneElseIsRefundedAtOnceAndThePatientMailed() {
        String slotId = openSlot(asDoctor, doctor.accountId(), 15);
        String intentId = holdAndPay(slotId);
        StripeDouble.Webhook late = StripeDouble.succeed(intentId); // paid at Stripe, but the webhook is slow
        expireHoldNow(slotId);
        awaitSlot(slotId, "FREE");
        TestAccounts.Session other = accounts.patient();
        assertThat(api.as(other.accessToken()).post("/api/slots/" + slotId + "/hold", null).status()).isEqualTo(201);

        assertThat(deliver(late).status()).isEqualTo(200);

        String appointmentId = appointmentOf(intentId);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(types(appointmentId))
                .containsSubsequence("PaymentSucceeded", "PaymentRefunded"));
        LoggedRequest refund = onlyRequest("/v1/refunds", intentId);
        assertThat(StripeDouble.form(refund)).containsEntry("payment_intent", intentId).containsEntry("amount", "8000");
        assertThat(refund.getHeader("Idempotency-Key")).isEqualTo("careslot-refund-" + appointmentId);
        assertThat(storedTypes(slotId)).doesNotContain("SlotBooked");
        assertThat(types(appointmentId)).containsExactly("PaymentRequested", "PaymentSucceeded", "PaymentRefunded");
        assertThat(StripeDouble.requests("POST", "/v1/payment_intents/" + intentId + "/cancel"))
                .as("the expiry tried to cancel the intent; Stripe refused, it had succeeded").hasSize(1);
        JsonNode mail = mailbox.awaitOne(patient.email(), "Refund");
        assertThat(mail.get("text").asText()).contains("80.00", "EUR");
    }

    @Test
    void withoutPaymentsTurnedOnOrWithoutAFeeBookingIsFreeAsBefore() {
        payOnline(doctor.accountId(), false);
        String slotId = openSlot(asDoctor, doctor.accountId(), 16);

        HttpJson.Response hold = asPatient.post("/api/slots/" + slotId + "/hold", null);

        assertThat(hold.json().has("payment")).isFalse();
        assertThat(asPatient.post("/api/slots/" + slotId + "/book", BOOK).status()).isEqualTo(201);

        TestAccounts.Session noFee = accounts.doctor("Dermatology");
        payOnline(noFee.accountId(), true);
        String free = openSlot(api.as(noFee.accessToken()), noFee.accountId(), 18);
        HttpJson.Response freeHold = asPatient.post("/api/slots/" + free + "/hold", null);
        assertThat(freeHold.json().has("payment")).as("a doctor without a fee books free").isFalse();
        assertThat(asPatient.post("/api/slots/" + free + "/book", BOOK).status()).isEqualTo(201);
    }

    @Test
    void theAdminSeesWhetherPaymentsAreConfiguredButNeverTheSecrets() {
        HttpJson.Response settings = asAdmin.get("/api/admin/payments");

        assertThat(settings.status()).isEqualTo(200);
        assertThat(settings.json().get("configured").asBoolean()).isTrue();
        assertThat(settings.json().get("mode").asText()).isEqualTo("test");
        assertThat(settings.json().get("currency").asText()).isEqualTo("eur");
        assertThat(settings.json().get("enabledDoctors").toString()).contains(doctor.accountId().toString());
        assertThat(settings.body()).doesNotContain(StripeDouble.SECRET_KEY, StripeDouble.WEBHOOK_SECRET);
        assertProblem(asPatient.get("/api/admin/payments"), 403, "forbidden");
        SlotApiTest.assertInvalid(asAdmin.send(HttpRequest.newBuilder(URI.create(api.baseUrl()
                + "/api/admin/payments/doctors/" + doctor.accountId())).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{}"))), "enabled");
    }

    @Test
    void aWebhookAndTheHoldsExpiryAtTheSameInstantEndWithOneBooking() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 4; round++) {
                String slotId = openSlot(asDoctor, doctor.accountId(), 17 + round);
                String intentId = holdAndPay(slotId);
                StripeDouble.Webhook succeeded = StripeDouble.succeed(intentId);
                Object expiryTask = pendingExpiry(slotId);
                CountDownLatch go = new CountDownLatch(1);
                Future<HttpJson.Response> webhook = threads.submit(() -> {
                    go.await();
                    return deliver(succeeded);
                });
                Future<?> expiry = threads.submit(() -> {
                    go.await();
                    // due now, unless the booking has just cancelled it: either is a way the race can go
                    return jdbc.update("update command_side.scheduled_tasks set execution_time = now() "
                            + "where task_name = ? and task_instance = ?", HoldTest.AXON_DEADLINE_TASK, expiryTask);
                });
                go.countDown();
                assertThat(webhook.get().status()).isEqualTo(200);
                expiry.get();

                String appointmentId = appointmentOf(intentId);
                JsonNode slot = awaitSlot(slotId, "BOOKED");
                assertThat(slot.get("appointmentId").asText()).isEqualTo(appointmentId);
                assertThat(storedTypes(slotId)).filteredOn("SlotBooked"::equals).hasSize(1);
                assertThat(storedTypes(appointmentId)).as("round %d", round)
                        .containsExactly("PaymentRequested", "PaymentSucceeded");
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * The race above, made certain: the hold's expiry has been picked by a scheduler (it is firing) when the payment's
     * webhook books the slot. db-scheduler refuses to cancel a picked execution; the booking must still commit (it
     * answered 500 before), and the expiry, when it runs, finds the hold booked and changes nothing.
     */
    @Test
    void aWebhookWhileTheHoldsExpiryIsFiringBooksAndTheExpiryChangesNothing() {
        String slotId = openSlot(asDoctor, doctor.accountId(), 21);
        String intentId = holdAndPay(slotId);
        Object expiryTask = pendingExpiry(slotId);
        // picked by a scheduler node that is running it right now
        jdbc.update("update command_side.scheduled_tasks set picked = true, picked_by = 'another-node', "
                + "last_heartbeat = now(), version = version + 1 where task_name = ? and task_instance = ?",
                HoldTest.AXON_DEADLINE_TASK, expiryTask);

        HttpJson.Response booked = deliver(StripeDouble.succeed(intentId));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(200);
        awaitSlot(slotId, "BOOKED");

        // the firing expiry runs after all: handed back to this node's scheduler, due now
        jdbc.update("update command_side.scheduled_tasks set picked = false, picked_by = null, execution_time = now(), "
                + "version = version + 1 where task_name = ? and task_instance = ?", HoldTest.AXON_DEADLINE_TASK,
                expiryTask);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("select count(*) from "
                + "command_side.scheduled_tasks where task_name = ? and task_instance = ?", Integer.class,
                HoldTest.AXON_DEADLINE_TASK, expiryTask) == 0);
        assertThat(storedTypes(slotId)).doesNotContain("HoldExpired").filteredOn("SlotBooked"::equals).hasSize(1);
        assertThat(asAdmin.get("/api/slots/" + slotId).json().path("status").asText()).isEqualTo("BOOKED");
    }

    @Test
    void aPaidBookingCancelledTwiceAtOnceIsRefundedOnce() throws Exception {
        String slotId = openSlot(asDoctor, doctor.accountId(), 22);
        String intentId = holdAndPay(slotId);
        deliver(StripeDouble.succeed(intentId));
        awaitSlot(slotId, "BOOKED");
        HttpJson[] cancellers = {asAdmin, asDoctor, asAdmin, asDoctor}; // a clinic cancellation: always in full
        ExecutorService threads = Executors.newFixedThreadPool(cancellers.length);
        List<HttpJson.Response> answers = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpJson.Response>> attempts = new ArrayList<>();
            for (HttpJson canceller : cancellers) {
                attempts.add(threads.submit(() -> {
                    go.await();
                    return canceller.post("/api/slots/" + slotId + "/cancel", "{\"reason\":\"ill\"}");
                }));
            }
            go.countDown();
            for (Future<HttpJson.Response> attempt : attempts) {
                answers.add(attempt.get());
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(answers).filteredOn(r -> r.status() == 200).hasSize(1);
        String appointmentId = appointmentOf(intentId);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(storedTypes(appointmentId)).contains("PaymentRefunded"));
        assertThat(storedTypes(appointmentId)).filteredOn("PaymentRefunded"::equals).hasSize(1);
        assertThat(StripeDouble.requests("POST", "/v1/refunds").stream()
                .filter(r -> StripeDouble.form(r).get("payment_intent").equals(intentId))).hasSize(1);
        JsonNode payment = await().atMost(Duration.ofSeconds(10)).until(() -> asPatient.get("/api/appointments/"
                + appointmentId).json().path("payment"), p -> "refunded".equals(p.path("status").asText()));
        assertThat(payment.get("refunded").decimalValue()).isEqualByComparingTo("80.00");
        assertThat(mailbox.awaitOne(patient.email(), "Refund").get("text").asText()).contains("EUR 80.00");
        JsonNode eur = asAdmin.get("/api/admin/dashboard").json().get("revenue").get(0);
        assertThat(eur.get("currency").asText()).isEqualTo("eur");
        assertThat(eur.get("refunds").asLong()).isPositive();
        assertThat(eur.get("net").decimalValue())
                .isEqualByComparingTo(eur.get("paid").decimalValue().subtract(eur.get("refunded").decimalValue()));
    }

    @Test
    void aRescheduleMovesThePaymentWithTheAppointmentAndCancellingRefundsThatPayment() {
        String from = openSlot(asDoctor, doctor.accountId(), 7);
        String to = openSlot(asDoctor, doctor.accountId(), 8);
        String intentId = holdAndPay(from);
        deliver(StripeDouble.succeed(intentId));
        String appointmentId = appointmentOf(intentId);
        awaitSlot(from, "BOOKED");

        HttpJson.Response moved = asPatient.post("/api/slots/" + from + "/reschedule", "{\"toSlotId\":\"" + to + "\"}");
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.json().get("appointmentId").asText()).isEqualTo(appointmentId);
        awaitSlot(to, "BOOKED");
        assertThat(asAdmin.post("/api/slots/" + to + "/cancel", "{\"reason\":\"clinic closed\"}").status())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(storedTypes(appointmentId)).endsWith("PaymentRefunded"));
        assertThat(StripeDouble.form(onlyRequest("/v1/refunds", intentId))).containsEntry("amount", "8000");
        JsonNode refunded = audit(appointmentId).get(2).get("payload");
        assertThat(refunded.get("reason").asText()).isEqualTo("cancelled-by-admin");
        assertThat(refunded.get("slotId").asText()).as("the payment's slot is where it was paid").isEqualTo(from);
        JsonNode appointment = await().atMost(Duration.ofSeconds(10)).until(() -> asPatient.get("/api/appointments/"
                + appointmentId).json(), a -> "refunded".equals(a.path("payment").path("status").asText()));
        assertThat(appointment.get("slotId").asText()).isEqualTo(to);
    }

    @Test
    void aPaymentWhoseBookingBreaksARuleCheckedAtCommitIsRefunded() {
        TestAccounts.Session freeDoctor = accounts.doctor("Dermatology");
        String elsewhere = openSlot(api.as(freeDoctor.accessToken()), freeDoctor.accountId(), 4);
        assertThat(asPatient.post("/api/slots/" + elsewhere + "/book", BOOK).status()).isEqualTo(201);
        String slotId = openSlot(asDoctor, doctor.accountId(), 4); // the same time: the two would overlap
        String intentId = holdAndPay(slotId);

        assertThat(deliver(StripeDouble.succeed(intentId)).status()).isEqualTo(200);

        String appointmentId = appointmentOf(intentId);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(storedTypes(appointmentId))
                .containsExactly("PaymentRequested", "PaymentSucceeded", "PaymentRefunded"));
        assertThat(storedTypes(slotId)).doesNotContain("SlotBooked");
        assertThat(audit(appointmentId).get(1).get("payload").get("booked").asBoolean()).isFalse();
    }

    @Test
    void aSuccessForAnotherAmountThanTheFeeBooksNothingAndIsRefunded() {
        String slotId = openSlot(asDoctor, doctor.accountId(), 2);
        String intentId = holdAndPay(slotId);
        StripeDouble.intent(intentId).put("amount", 100); // changed at Stripe after Careslot asked for 8000

        assertThat(deliver(StripeDouble.succeed(intentId)).status()).isEqualTo(200);

        String appointmentId = appointmentOf(intentId);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(storedTypes(appointmentId))
                .containsExactly("PaymentRequested", "PaymentSucceeded", "PaymentRefunded"));
        assertThat(storedTypes(slotId)).doesNotContain("SlotBooked");
        assertThat(StripeDouble.form(onlyRequest("/v1/refunds", intentId))).as("what was paid goes back")
                .containsEntry("amount", "100");
    }

    @Test
    void anAppointmentBookedFreeCannotBeMovedIntoAPaidDoctorsSlot() {
        TestAccounts.Session freeDoctor = accounts.doctor("Dermatology");
        String free = openSlot(api.as(freeDoctor.accessToken()), freeDoctor.accountId(), 9);
        String paid = openSlot(asDoctor, doctor.accountId(), 6);
        assertThat(asPatient.post("/api/slots/" + free + "/book", BOOK).status()).isEqualTo(201);

        assertProblem(asPatient.post("/api/slots/" + free + "/reschedule", "{\"toSlotId\":\"" + paid + "\"}"), 422,
                "payment-required");
        assertProblem(asPatient.post("/api/slots/" + paid + "/book", BOOK), 422, "payment-required");
    }

    @Test
    void aFailureReportedAfterTheSuccessChangesNothing() {
        String slotId = openSlot(asDoctor, doctor.accountId(), 23);
        String intentId = holdAndPay(slotId);
        StripeDouble.Webhook succeeded = StripeDouble.succeed(intentId);
        StripeDouble.Webhook failedEarlier = StripeDouble.fail(intentId);

        assertThat(deliver(succeeded).status()).isEqualTo(200);
        assertThat(deliver(failedEarlier).status()).isEqualTo(200);

        awaitSlot(slotId, "BOOKED");
        assertThat(storedTypes(appointmentOf(intentId))).containsExactly("PaymentRequested", "PaymentSucceeded");
        assertThat(StripeDouble.requests("POST", "/v1/payment_intents/" + intentId + "/cancel")).isEmpty();
    }

    @Test
    void whenStripeCannotBeReachedTheHoldIsLetGoAndTheAnswerIs503() {
        String slotId = openSlot(asDoctor, doctor.accountId(), 5);
        var outage = StripeDouble.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock
                .post(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v1/payment_intents"))
                .atPriority(1)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(slotId))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(500)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"type\":\"api_error\",\"message\":\"down\"}}")));
        try {
            HttpJson.Response hold = asPatient.post("/api/slots/" + slotId + "/hold", null);

            assertProblem(hold, 503, "payment-unavailable");
            assertThat(hold.header("Retry-After")).isNotBlank();
            assertThat(hold.body()).doesNotContain(StripeDouble.SECRET_KEY);
            awaitSlot(slotId, "FREE");
        } finally {
            StripeDouble.server().removeStub(outage);
        }
    }

    @Test
    void noStripeKeyOrClientSecretReachesTheLogTheEventsTheReadModelsOrTheMail(CapturedOutput output) {
        String slotId = openSlot(asDoctor, doctor.accountId(), 3);
        HttpJson.Response hold = asPatient.post("/api/slots/" + slotId + "/hold", null);
        String clientSecret = hold.json().get("payment").get("clientSecret").asText();
        String intentId = hold.json().get("payment").get("paymentIntentId").asText();
        deliver(StripeDouble.succeed(intentId));
        awaitSlot(slotId, "BOOKED");
        assertThat(asAdmin.post("/api/slots/" + slotId + "/cancel", "{}").status()).isEqualTo(200);
        String appointmentId = appointmentOf(intentId);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(types(appointmentId)).endsWith("PaymentRefunded"));
        mailbox.awaitOne(patient.email(), "Refund");

        List<String> places = new ArrayList<>(List.of(output.getAll(), audit(appointmentId).toString(),
                audit(slotId).toString(), asAdmin.get("/api/appointments/" + appointmentId).body(),
                asAdmin.get("/api/admin/dashboard").body(), api.get("/api/dev/mail?to=" + patient.email()).body()));
        places.addAll(jdbc.queryForList("select convert_from(payload, 'UTF8') || convert_from(meta_data, 'UTF8') "
                + "from event_store.domain_event_entry where aggregate_identifier in (?, ?)", String.class,
                appointmentId, slotId));
        places.addAll(jdbc.queryForList("select t::text from query_side.appointment_payment t "
                + "where appointment_id = ?::uuid", String.class, appointmentId));
        assertThat(places).hasSizeGreaterThan(8).allSatisfy(text -> assertThat(text)
                .doesNotContain(StripeDouble.SECRET_KEY, StripeDouble.WEBHOOK_SECRET, clientSecret));
        assertThat(String.join("", places)).contains(intentId);
    }

    // --- arranging through the API, and reading what a user (or Stripe) would see

    private void payOnline(UUID doctorId, boolean enabled) {
        HttpJson.Response set = asAdmin.send(HttpRequest.newBuilder(URI.create(api.baseUrl()
                        + "/api/admin/payments/doctors/" + doctorId)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":" + enabled + "}")));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
    }

    private String holdAndPay(String slotId) {
        HttpJson.Response hold = asPatient.post("/api/slots/" + slotId + "/hold", null);
        assertThat(hold.status()).as(hold.toString()).isEqualTo(201);
        return hold.json().get("payment").get("paymentIntentId").asText();
    }

    private String appointmentOf(String intentId) {
        return StripeDouble.intent(intentId).get("metadata").get("appointment_id").asText();
    }

    HttpJson.Response deliver(StripeDouble.Webhook webhook) {
        return deliver(webhook.payload(), webhook.signature());
    }

    HttpJson.Response deliver(String payload, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.baseUrl() + WEBHOOK))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(payload));
        if (signature != null) {
            request.header("Stripe-Signature", signature);
        }
        return api.send(request);
    }

    private static LoggedRequest onlyRequest(String path, String intentId) {
        List<LoggedRequest> requests = StripeDouble.requests("POST", path).stream()
                .filter(r -> path.equals("/v1/refunds")
                        ? intentId.equals(StripeDouble.form(r).get("payment_intent"))
                        : StripeDouble.intent(intentId).get("metadata").get("hold_id").asText()
                        .equals(StripeDouble.form(r).get("metadata[hold_id]")))
                .toList();
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    /** Makes the slot's pending hold expiry due now: db-scheduler runs it within its polling interval. */
    private void expireHoldNow(String slotId) {
        assertThat(jdbc.update("update command_side.scheduled_tasks set execution_time = now() "
                + "where task_name = ? and task_instance = ?", HoldTest.AXON_DEADLINE_TASK, pendingExpiry(slotId)))
                .as("the hold's expiry was pending").isEqualTo(1);
    }

    /** The db-scheduler task instance of the slot's one pending hold expiry. */
    private Object pendingExpiry(String slotId) {
        List<Object> tasks = new ArrayList<>();
        for (Map<String, Object> task : jdbc.queryForList("select task_instance, task_data from "
                + "command_side.scheduled_tasks where task_name = ?", HoldTest.AXON_DEADLINE_TASK)) {
            String data = new String((byte[]) task.get("task_data"), java.nio.charset.StandardCharsets.UTF_8);
            if (decodedScope(data).contains(slotId)) {
                tasks.add(task.get("task_instance"));
            }
        }
        assertThat(tasks).as("the hold's pending expiry").hasSize(1);
        return tasks.get(0);
    }

    private static String decodedScope(String taskData) {
        try {
            JsonNode details = new com.fasterxml.jackson.databind.ObjectMapper().readTree(taskData);
            return new String(Base64.getDecoder().decode(details.get("s").asText()),
                    java.nio.charset.StandardCharsets.UTF_8);
        } catch (Exception unreadable) {
            return "";
        }
    }

    private long pendingExpiries(String slotId) {
        return jdbc.queryForList("select task_data from command_side.scheduled_tasks where task_name = ?",
                        byte[].class, HoldTest.AXON_DEADLINE_TASK).stream()
                .filter(data -> decodedScope(new String(data, java.nio.charset.StandardCharsets.UTF_8))
                        .contains(slotId)).count();
    }

    private JsonNode awaitSlot(String slotId, String status) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> asAdmin.get("/api/slots/" + slotId).json(),
                slot -> status.equals(slot.path("status").asText()));
    }

    /** The event types of one stream as the event store holds them. */
    private List<String> storedTypes(String aggregateId) {
        return jdbc.queryForList("select payload_type from event_store.domain_event_entry "
                        + "where aggregate_identifier = ? order by sequence_number", String.class, aggregateId)
                .stream().map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    /** The event types of one stream as the audit trail shows them, once it has caught up with the store. */
    private List<String> types(String aggregateId) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> audit(aggregateId).findValuesAsText("type"),
                audited -> audited.equals(storedTypes(aggregateId)));
    }

    private JsonNode audit(String aggregateId) {
        return asAdmin.get("/api/audit/events?aggregateId=" + aggregateId).json().get("items");
    }
}
