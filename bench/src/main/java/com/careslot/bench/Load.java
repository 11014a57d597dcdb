package com.careslot.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.careslot.bench.Fixtures.Patient;
import com.careslot.bench.Fixtures.Slot;
import com.careslot.bench.Plan.Booking;

/** Bookings over real HTTP: concurrent clients on distinct slots (a, g), many clients on one slot (b), and lag (d). */
final class Load {

    static final String BOOK = "{}";

    private final int port;

    Load(int port) {
        this.port = port;
    }

    record Run(String name, String pattern, int clients, int bookings, int booked, Map<String, Integer> refusals,
               double seconds, Latencies latencies) {

        double rate() {
            return booked / seconds;
        }

        int refused() {
            return refusals.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** Every client books its slots one after another, all clients at once; the clock runs from start to last answer. */
    Run bookings(Plan plan, List<List<Booking>> perClient) {
        return bookings(plan, perClient, null, new java.util.concurrent.ConcurrentLinkedQueue<>());
    }

    /**
     * As above, but each client stops at {@code limit} after the start (when not null), and the slots booked are
     * added to {@code booked}.
     */
    Run bookings(Plan plan, List<List<Booking>> perClient, java.time.Duration limit,
                 java.util.Collection<String> bookedSlots) {
        long[] stopAt = {Long.MAX_VALUE};
        Api api = new Api(port);
        Latencies latencies = new Latencies();
        Map<String, Integer> refusals = new ConcurrentHashMap<>();
        AtomicInteger booked = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (List<Booking> client : perClient) {
            Thread thread = new Thread(() -> {
                await(go);
                for (Booking booking : client) {
                    long t0 = System.nanoTime();
                    if (t0 - stopAt[0] >= 0) {
                        break;
                    }
                    Api.Answer answer;
                    try {
                        answer = api.post("/api/slots/" + booking.slot().slotId() + "/book",
                                booking.patient().token(), BOOK);
                    } catch (RuntimeException e) {
                        refusals.merge("no answer: " + rootMessage(e), 1, Integer::sum);
                        continue;
                    }
                    latencies.add(System.nanoTime() - t0);
                    if (answer.status() == 201) {
                        booked.incrementAndGet();
                        bookedSlots.add(booking.slot().slotId().toString());
                    } else {
                        refusals.merge(answer.status() + " " + answer.problem(), 1, Integer::sum);
                    }
                }
            }, "bench-client");
            threads.add(thread);
            thread.start();
        }
        long start = System.nanoTime();
        stopAt[0] = limit == null ? start + Long.MAX_VALUE / 2 : start + limit.toNanos();
        go.countDown();
        threads.forEach(Load::join);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Run(plan.name(), plan.pattern(), perClient.size(), plan.bookings(), booked.get(),
                new TreeMap<>(refusals), seconds, latencies);
    }

    /** A round of (b); {@code round} 0 is the control round, in which every client reads the slot instead. */
    record Contention(int round, int clients, int winners, Map<String, Integer> answers, double allAnsweredMillis,
                      Latencies latencies, Latencies reads, int readErrors) {
    }

    /** Anonymous readers on connections of their own while the racers run: issue 17 (b) wants their p99 < 200 ms. */
    static final int READERS = 4;

    /**
     * {@code patients.size()} clients book the same free slot at once: one may win, every other gets a 409. Meanwhile
     * {@link #READERS} other clients read — the contested doctor's free slots and the contested slot itself — one
     * request after another, from the release until the last racer is answered.
     * <p>
     * With {@code book} false it is the control round: the same clients, on the same kind of connection, each send
     * one authenticated {@code GET /api/slots/{id}} of the slot at once instead. What that costs is the floor the
     * machine puts under the race (Tomcat, TLS-less HTTP, the bearer token, the rate limits, a read), with no lock and
     * no event store in it.
     */
    Contention contention(int round, Slot slot, List<Patient> patients, boolean book) {
        Api api = new Api(port);
        Latencies latencies = new Latencies();
        Map<String, Integer> answers = new ConcurrentHashMap<>();
        AtomicInteger winners = new AtomicInteger();
        AtomicLong lastAnswer = new AtomicLong();
        Map<String, Integer> opening = new ConcurrentHashMap<>();
        CountDownLatch ready = new CountDownLatch(patients.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (Patient patient : patients) {
            Thread thread = new Thread(() -> {
                // One request first, so each client's connection is open before the race.
                try {
                    api.get("/api/slots/" + slot.slotId(), patient.token());
                } catch (RuntimeException e) {
                    opening.merge(rootMessage(e), 1, Integer::sum);
                } finally {
                    ready.countDown();
                }
                await(go);
                long t0 = System.nanoTime();
                Api.Answer answer;
                try {
                    answer = book ? api.post("/api/slots/" + slot.slotId() + "/book", patient.token(), BOOK)
                            : api.get("/api/slots/" + slot.slotId(), patient.token());
                } catch (RuntimeException e) {
                    answers.merge("no answer: " + rootMessage(e), 1, Integer::sum);
                    return;
                }
                long t1 = System.nanoTime();
                latencies.add(t1 - t0);
                lastAnswer.accumulateAndGet(t1, Math::max);
                if (answer.status() == 201) {
                    winners.incrementAndGet();
                }
                String what = answer.status() == 201 ? "booked" : answer.status() == 200 ? "read" : answer.problem();
                answers.merge(answer.status() + " " + what, 1, Integer::sum);
            }, "bench-contender");
            threads.add(thread);
            thread.start();
        }
        Api readerApi = new Api(port);
        Latencies reads = new Latencies();
        AtomicInteger readErrors = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean racing = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
            String path = r % 2 == 0 ? "/api/slots?doctorId=" + slot.doctorId() + "&status=FREE&size=20"
                    : "/api/slots/" + slot.slotId();
            Thread reader = new Thread(() -> {
                await(go);
                while (racing.get()) {
                    long t0 = System.nanoTime();
                    try {
                        if (readerApi.get(path, null).status() != 200) {
                            readErrors.incrementAndGet();
                        }
                        reads.add(System.nanoTime() - t0);
                    } catch (RuntimeException e) {
                        readErrors.incrementAndGet();
                    }
                }
            }, "bench-reader");
            readers.add(reader);
            reader.start();
        }
        long opened = System.nanoTime();
        await(ready);
        if (!opening.isEmpty()) {
            Bench.log("(b) connections not opened by their first read (within "
                    + (System.nanoTime() - opened) / 1_000_000 + " ms): " + opening);
        }
        long start = System.nanoTime();
        go.countDown();
        threads.forEach(Load::join);
        racing.set(false);
        readers.forEach(Load::join);
        return new Contention(round, patients.size(), winners.get(), new TreeMap<>(answers),
                (lastAnswer.get() - start) / 1e6, latencies, reads, readErrors.get());
    }

    record Lag(int samples, Latencies latencies, int stale) {
    }

    /**
     * Projection lag as a client sees it: from the booking's {@code 201} until {@code GET /api/slots/{id}} (no
     * position header, so nothing waits on the server) first shows the slot BOOKED, polling without pause.
     */
    Lag lag(List<Booking> bookings) {
        Api api = new Api(port);
        Latencies latencies = new Latencies();
        int stale = 0;
        for (Booking booking : bookings) {
            String path = "/api/slots/" + booking.slot().slotId();
            api.post(path + "/book", booking.patient().token(), BOOK).expect(201);
            long written = System.nanoTime();
            long deadline = written + 10_000_000_000L;
            boolean seen = false;
            while (System.nanoTime() < deadline) {
                if ("BOOKED".equals(api.get(path, null).json().path("status").asText())) {
                    seen = true;
                    break;
                }
            }
            if (seen) {
                latencies.add(System.nanoTime() - written);
            } else {
                stale++;
            }
        }
        return new Lag(bookings.size(), latencies, stale);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + " " + root.getMessage();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
