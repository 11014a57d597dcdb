package com.careslot.cluster;

import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;

/** One booking attempt as a client saw it: the answer (or that none came), who answered, how long it took. */
record Booking(String slotId, String patientId, int status, String appointmentId, String instance, String problem,
               boolean retryAfter, long millis) {

    static final int NO_ANSWER = -1;

    boolean succeeded() {
        return status >= 200 && status < 300;
    }

    static Booking attempt(HttpJson api, TestAccounts.Session patient, String slotId) {
        long started = System.nanoTime();
        try {
            HttpJson.Response answer = api.as(patient.accessToken()).post("/api/slots/" + slotId + "/book", "{}");
            long millis = (System.nanoTime() - started) / 1_000_000;
            boolean ok = answer.status() >= 200 && answer.status() < 300;
            return new Booking(slotId, patient.accountId().toString(), answer.status(),
                    ok ? answer.json().path("appointmentId").asText(null) : null, answer.header("X-Careslot-Instance"),
                    ok ? null : answer.contentType() + " " + answer.json().path("type").asText(""),
                    answer.header("Retry-After") != null, millis);
        } catch (UncheckedIOException e) {
            return new Booking(slotId, patient.accountId().toString(), NO_ANSWER, null, null,
                    e.getCause().getClass().getSimpleName(), false, (System.nanoTime() - started) / 1_000_000);
        }
    }

    /**
     * Bookings of distinct slots running in the background on {@code clients} threads: slot {@code i} by patient
     * {@code i % patients} (with {@link Clinic#freeSlots} slots, never two of one patient at one time).
     */
    record Load(AtomicInteger answered, CompletableFuture<List<Booking>> answers) {

        static Load start(HttpJson api, List<TestAccounts.Session> patients, List<String> slots, int clients) {
            AtomicInteger answered = new AtomicInteger();
            List<java.util.concurrent.Callable<Booking>> tasks = new java.util.ArrayList<>();
            for (int i = 0; i < slots.size(); i++) {
                TestAccounts.Session patient = patients.get(i % patients.size());
                String slot = slots.get(i);
                tasks.add(() -> {
                    Booking booking = attempt(api, patient, slot);
                    answered.incrementAndGet();
                    return booking;
                });
            }
            return new Load(answered, CompletableFuture.supplyAsync(() -> race(tasks, clients)));
        }

        /** Waits until {@code count} bookings have been answered and says how many were. */
        int awaitAnswered(int count) {
            await().atMost(Duration.ofMinutes(2)).until(() -> answered.get() >= count);
            return answered.get();
        }

        List<Booking> finish() throws Exception {
            return answers.get();
        }
    }

    /** Runs every task on {@code clients} threads at once and answers what each saw, in the tasks' order. */
    static <T> List<T> race(List<? extends java.util.concurrent.Callable<T>> tasks, int clients) {
        return Clinic.inParallel(List.copyOf(tasks), clients);
    }

    static Map<Integer, Long> statuses(List<Booking> bookings) {
        return bookings.stream().collect(Collectors.groupingBy(Booking::status, java.util.TreeMap::new,
                Collectors.counting()));
    }

    /** How many of the bookings share each value of {@code by}; a missing value (no answer, the gateway's own) is "-". */
    static <K> Map<String, Long> count(List<Booking> bookings, Function<Booking, K> by) {
        return bookings.stream().collect(Collectors.groupingBy(b -> String.valueOf(Objects.requireNonNullElse(
                by.apply(b), "-")), java.util.TreeMap::new, Collectors.counting()));
    }

    static long percentile(List<Booking> bookings, double p) {
        long[] sorted = bookings.stream().mapToLong(Booking::millis).sorted().toArray();
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }
}
