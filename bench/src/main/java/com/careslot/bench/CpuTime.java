package com.careslot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * CPU time spent so far by the standalone JVM (the JDK's process info) and by every PostgreSQL process of this machine
 * (user + system ticks from {@code /proc/<pid>/stat}; the pooled connections' backends live through a run, so their
 * work is all counted). Read before and after a part, the difference over the bookings is the CPU per booking.
 */
record CpuTime(Duration jvm, Duration postgres) {

    /** USER_HZ: the kernel's clock ticks per second in {@code /proc}; 100 on every Linux the benchmark runs on. */
    private static final long TICKS_PER_SECOND = 100;

    static CpuTime now(long jvmPid) {
        Duration jvm = ProcessHandle.of(jvmPid).flatMap(p -> p.info().totalCpuDuration()).orElse(Duration.ZERO);
        return new CpuTime(jvm, postgresTotal());
    }

    CpuTime since(CpuTime before) {
        return new CpuTime(jvm.minus(before.jvm), postgres.minus(before.postgres));
    }

    private static Duration postgresTotal() {
        long ticks = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                String name = process.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    int close = stat.lastIndexOf(')');
                    if (!stat.substring(stat.indexOf('(') + 1, close).equals("postgres")) {
                        continue;
                    }
                    String[] fields = stat.substring(close + 2).split(" ");
                    // after "pid (comm) ": state is field 0, utime field 11, stime field 12
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                } catch (IOException | RuntimeException gone) {
                    // the process ended between the listing and the read
                }
            }
        } catch (IOException e) {
            return Duration.ZERO;
        }
        return Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND);
    }
}
