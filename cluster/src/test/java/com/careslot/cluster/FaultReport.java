package com.careslot.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The figures of a fault run, appended to {@code target/fault-report.md} (and printed), so a run leaves a record that
 * docs/RELIABILITY.md can quote.
 */
final class FaultReport {

    private static final Path FILE = Path.of(System.getProperty("careslot.cluster.dir", "target/cluster"))
            .resolveSibling("fault-report.md");

    private FaultReport() {
    }

    static void record(String test, String figures) {
        String entry = "### " + test + " (" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ")\n\n" + figures.strip()
                + "\n\n";
        System.out.print(entry);
        try {
            Files.writeString(FILE, entry, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int setting(String name, int fallback) {
        return Integer.getInteger("careslot.faults." + name, fallback);
    }

    static long setting(String name, long fallback) {
        return Long.getLong("careslot.faults." + name, fallback);
    }
}
