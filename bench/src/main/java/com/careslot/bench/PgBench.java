package com.careslot.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The machine's limit for the SQL work of one booking (e): pgbench on the same PostgreSQL, against a copy of Axon's
 * event table ({@code event_store.domain_event_entry}: same columns, same indexes) holding {@code events} one-event
 * streams. One transaction reads one stream and appends its next event, with the payload and metadata of a real
 * {@code SlotBooked} bound as parameters, as the JDBC event store binds them. Each client appends to its own range
 * of streams, so no two clients race for one sequence number.
 */
final class PgBench {

    static final String SCHEMA = "pgbench_booking";

    record Result(int clients, double tps, long transactions, long failed, Latencies latencies) {
    }

    private final Options options;
    private final Database database;
    private final Path directory;

    PgBench(Options options, Database database) {
        this.options = options;
        this.database = database;
        this.directory = options.workDir().resolve("pgbench");
    }

    /** Why pgbench cannot run here, or null when it can. */
    static String unavailable() {
        try {
            Process version = new ProcessBuilder("pgbench", "--version").redirectErrorStream(true).start();
            version.getInputStream().readAllBytes();
            return version.waitFor() == 0 ? null : "pgbench --version failed";
        } catch (IOException e) {
            return "pgbench is not installed (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    void prepare(int events) {
        try (Connection c = database.connect(options.dbName()); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + SCHEMA + " cascade");
            s.execute("create schema " + SCHEMA);
            s.execute("create table " + SCHEMA + ".domain_event_entry (like event_store.domain_event_entry "
                    + "including indexes including constraints)");
            s.execute("create sequence " + SCHEMA + ".global_index_seq owned by " + SCHEMA
                    + ".domain_event_entry.global_index");
            s.execute("alter table " + SCHEMA + ".domain_event_entry alter column global_index set default nextval('"
                    + SCHEMA + ".global_index_seq')");
            s.execute("set synchronous_commit = off");
            s.execute("""
                    insert into %s.domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                        payload_type, payload, meta_data, time_stamp)
                    select gen_random_uuid()::text, md5(n::text)::uuid::text, 0, 'Slot',
                        'com.careslot.api.slot.SlotOpened',
                        convert_to('{"slotId":"' || md5(n::text)::uuid || '","doctorId":"' || md5('d' || n %% 2000)::uuid
                            || '","start":"2030-01-07T08:00:00Z","end":"2030-01-07T08:15:00Z"}', 'UTF8'),
                        convert_to('{"correlationId":"' || gen_random_uuid() || '","actorId":"'
                            || md5('d' || n %% 2000)::uuid || '","actorRole":"DOCTOR"}', 'UTF8'),
                        to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
                    from generate_series(0, %d) n""".formatted(SCHEMA, events - 1));
            s.execute("vacuum analyze " + SCHEMA + ".domain_event_entry");
            s.execute("checkpoint");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the pgbench table", e);
        }
    }

    void drop() {
        try (Connection c = database.connect(options.dbName()); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + SCHEMA + " cascade");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the pgbench table", e);
        }
    }

    Result run(int clients, int events, int seconds) {
        try {
            Files.createDirectories(directory);
            Path script = directory.resolve("booking.sql");
            Files.writeString(script, """
                    \\set r random(0, :per_client - 1)
                    \\set aid :client_id * :per_client + :r
                    BEGIN;
                    SELECT global_index, event_identifier, aggregate_identifier, sequence_number + 1 AS next_seq, type, time_stamp, payload_type, payload_revision, payload, meta_data FROM %1$s.domain_event_entry WHERE aggregate_identifier = md5(:aid::text)::uuid::text AND sequence_number >= 0 ORDER BY sequence_number ASC \\aset
                    INSERT INTO %1$s.domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, payload_type, payload_revision, payload, meta_data, time_stamp) VALUES (gen_random_uuid()::text, md5(:aid::text)::uuid::text, :next_seq, 'Slot', 'com.careslot.api.slot.SlotBooked', NULL, convert_to(:booked_payload, 'UTF8'), convert_to(:booked_meta, 'UTF8'), to_char(now() at time zone 'UTC', :time_format));
                    END;
                    """.formatted(SCHEMA));
            try (Stream<Path> old = Files.list(directory)) {
                old.filter(p -> p.getFileName().toString().startsWith("log-c" + clients + ".")).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            int perClient = Math.max(1, events / options.maxClients());
            List<String> command = new ArrayList<>(List.of("pgbench", "-n", "-M", "prepared",
                    "-h", options.dbHost(), "-p", String.valueOf(options.dbPort()), "-U", options.dbUser(),
                    "-c", String.valueOf(clients), "-j", String.valueOf(Math.min(clients, 2)),
                    "-T", String.valueOf(seconds), "-f", script.toString(),
                    "-D", "per_client=" + perClient,
                    "-D", "booked_payload={\"slotId\":\"3f2b6c1e-8a41-4c11-9d7e-2b6c1e8a4111\",\"doctorId\":"
                            + "\"9cc4e657-0801-4bce-8c6e-40c8ac0b95eb\",\"appointmentId\":"
                            + "\"538188f1-0da6-4b1a-bfcc-9c45bb70fa89\",\"patientId\":"
                            + "\"0e10291e-5b73-4548-9c55-940df2d9fe61\",\"start\":\"2030-01-07T08:15:00Z\","
                            + "\"end\":\"2030-01-07T08:30:00Z\"}",
                    "-D", "booked_meta={\"correlationId\":\"c4c7f41c-4cde-4bf2-9264-6ab3bf6e53fe\",\"actorId\":"
                            + "\"0e10291e-5b73-4548-9c55-940df2d9fe61\",\"actorRole\":\"PATIENT\"}",
                    "-D", "time_format=YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"",
                    "-l", "--log-prefix=" + directory.resolve("log-c" + clients),
                    options.dbName()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (!options.dbPassword().isEmpty()) {
                builder.environment().put("PGPASSWORD", options.dbPassword());
            }
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(seconds + 120L, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("pgbench failed: " + output);
            }
            Files.writeString(directory.resolve("output-c" + clients + ".txt"), output);
            double tps = number(output, "tps = ([0-9.]+)");
            long transactions = (long) number(output, "number of transactions actually processed: ([0-9]+)");
            Matcher failed = Pattern.compile("number of failed transactions: ([0-9]+)").matcher(output);
            Latencies latencies = new Latencies();
            try (Stream<Path> logs = Files.list(directory)) {
                for (Path log : logs.filter(p -> p.getFileName().toString().startsWith("log-c" + clients + "."))
                        .toList()) {
                    try (Stream<String> lines = Files.lines(log)) {
                        lines.forEach(line -> latencies.add(Long.parseLong(line.split(" ")[2]) * 1000));
                    }
                }
            }
            return new Result(clients, tps, transactions, failed.find() ? Long.parseLong(failed.group(1)) : 0,
                    latencies);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static double number(String output, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("pgbench printed no " + regex + ": " + output);
        }
        return Double.parseDouble(matcher.group(1));
    }
}
