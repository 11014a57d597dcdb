package com.careslot.cluster;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;

/**
 * The people of the deployment under test, made once through the gateway as users make themselves (sign-up, the
 * mailed code, the admin's invitation), and fresh free slots on demand: every test books slots nobody booked before.
 */
final class Clinic {

    static final int DOCTORS = 8;

    private static Clinic clinic;

    final List<TestAccounts.Session> doctors;
    final List<TestAccounts.Session> patients;
    private final AtomicInteger nextSlot = new AtomicInteger();
    private final Instant firstStart = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(3));

    private Clinic(List<TestAccounts.Session> doctors, List<TestAccounts.Session> patients) {
        this.doctors = doctors;
        this.patients = patients;
    }

    /** The clinic, with at least {@code patients} patients. */
    static synchronized Clinic withPatients(int patients) {
        TestAccounts accounts = LocalCluster.running().accounts();
        if (clinic == null) {
            clinic = new Clinic(inParallel(DOCTORS, 4, () -> accounts.doctor("Cardiology")), new ArrayList<>());
        }
        int missing = patients - clinic.patients.size();
        if (missing > 0) {
            clinic.patients.addAll(inParallel(missing, 8, accounts::patient));
        }
        return clinic;
    }

    /**
     * {@code count} new free 30-minute slots, spread over the doctors, three days ahead and later (beyond the
     * reminder lead, so the only mails they cause are the ones the test expects). Slot {@code i} belongs to doctor
     * {@code i % DOCTORS}: a patient booking only slots {@code i ≡ c (mod DOCTORS)} never books two at one time (a
     * patient cannot be in two places at once; that refusal is a 409 too).
     */
    List<String> freeSlots(int count) {
        HttpJson gateway = LocalCluster.running().gateway();
        // Slot i of the answer is the (first + i)-th slot: its doctor is i % DOCTORS, and slots of one doctor never
        // share a time with each other nor with any slot made before.
        int first = nextSlot.getAndAdd((count + DOCTORS - 1) / DOCTORS * DOCTORS);
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = first + i;
            tasks.add(() -> open(gateway, n));
        }
        return inParallel(tasks, 8);
    }

    private String open(HttpJson gateway, int n) {
        TestAccounts.Session doctor = doctors.get(n % doctors.size());
        Instant start = firstStart.plus(Duration.ofMinutes(30L * (n / doctors.size())));
        HttpJson.Response created = gateway.as(doctor.accessToken()).post(
                "/api/doctors/" + doctor.accountId() + "/slots",
                "{\"start\":\"" + start + "\",\"end\":\"" + start.plus(Duration.ofMinutes(30)) + "\"}");
        if (created.status() != 201) {
            throw new AssertionError("Could not open a slot: " + created);
        }
        return created.json().get("slotId").asText();
    }

    static <T> List<T> inParallel(int count, int threads, Callable<T> task) {
        return inParallel(Collections.nCopies(count, task), threads);
    }

    /** The tasks' results, in the tasks' order. */
    static <T> List<T> inParallel(List<Callable<T>> tasks, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return Collections.synchronizedList(results);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }
}
