package com.careslot.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import com.careslot.bench.Fixtures.Doctor;

/** Read latency of availability and the doctor directory, one client asking one request after another (c). */
final class Queries {

    record Result(String name, String example, Latencies latencies, int errors, long totalItems) {
    }

    private final Api api;
    private final Random random = new Random(42);

    Queries(int port) {
        this.api = new Api(port);
    }

    List<Result> measure(List<Doctor> doctors, int count) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Supplier<String>> queries = new LinkedHashMap<>();
        queries.put("availability: one doctor, next 7 days, free", () -> "/api/slots?doctorId="
                + pick(doctors).doctorId() + "&status=FREE&from=" + now + "&to=" + now.plus(Duration.ofDays(7))
                + "&size=50");
        queries.put("availability: one specialization, first free", () -> "/api/slots?specialization="
                + encoded(pick(Fixtures.SPECIALIZATIONS)) + "&status=FREE&from=" + now + "&size=50");
        queries.put("availability: all doctors, first free", () -> "/api/slots?status=FREE&from=" + now + "&size=50");
        queries.put("directory: one specialization", () -> "/api/doctors?specialization="
                + encoded(pick(Fixtures.SPECIALIZATIONS)) + "&size=20");
        queries.put("directory: a page of all doctors", () -> "/api/doctors?size=20&page="
                + random.nextInt(Math.max(1, doctors.size() / 20)));
        queries.put("directory: name search", () -> "/api/doctors?size=20&q=" + pick(Fixtures.FAMILY));
        queries.put("directory: one doctor", () -> "/api/doctors/" + pick(doctors).doctorId());
        List<Result> results = new ArrayList<>();
        for (Map.Entry<String, Supplier<String>> query : queries.entrySet()) {
            for (int i = 0; i < Math.min(100, count); i++) {
                api.get(query.getValue().get(), null);
            }
            Latencies latencies = new Latencies();
            int errors = 0;
            long total = 0;
            String example = query.getValue().get();
            for (int i = 0; i < count; i++) {
                String path = query.getValue().get();
                long t0 = System.nanoTime();
                Api.Answer answer = api.get(path, null);
                latencies.add(System.nanoTime() - t0);
                if (answer.status() != 200) {
                    errors++;
                } else if (i == 0) {
                    total = answer.json().path("totalItems").asLong(1);
                }
            }
            results.add(new Result(query.getKey(), example, latencies, errors, total));
        }
        return results;
    }

    private static String encoded(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
