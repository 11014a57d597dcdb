package com.careslot.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * (i) Replay: every read model rebuilt from the whole store. With standalone stopped, the query side's tables, the
 * audit trail and the mail recipients are emptied and the tokens of the processors that write them are deleted (the
 * mail processor keeps its token: a rebuild owes no mail); standalone is started again and the clock runs from
 * readiness until every segment of every one of those processors has passed the store's last event.
 */
final class Replay {

    /** The streaming processors that write the read models, and only those tables. */
    static final List<String> PROCESSORS = List.of("slot-view", "appointment-view", "doctor-directory",
            "patient-directory", "availability-view", "patient-contacts", "payment-view", "audit-trail",
            "notification-recipients");

    /**
     * {@code totalSeconds} from the process start; {@code seconds} from the first event a rebuilt processor handled
     * (its token moved), which the rate is judged by.
     */
    record Result(long events, Duration startUp, double totalSeconds, double seconds, Map<String, Long> behindAtEnd) {

        double rate() {
            return events / seconds;
        }
    }

    private final Database database;
    private final Options options;

    Replay(Database database, Options options) {
        this.database = database;
        this.options = options;
    }

    Result run(Standalone app) {
        app.stop();
        long head = database.queryLong("select coalesce(max(global_index), 0) from event_store.domain_event_entry");
        long events = database.queryLong("select count(*) from event_store.domain_event_entry");
        try (Connection c = database.connect(options.dbName()); Statement s = c.createStatement()) {
            String tables = database.queryText("""
                    select string_agg(table_schema || '.' || table_name, ', ') from information_schema.tables
                     where table_type = 'BASE TABLE' and table_name <> 'flyway_schema_history'
                       and (table_schema = 'query_side'
                            or (table_schema = 'notification' and table_name in ('audit_entry', 'recipient')))""");
            s.execute("truncate " + tables);
            try (PreparedStatement delete = c.prepareStatement(
                    "delete from event_store.token_entry where processor_name = any (?)")) {
                delete.setArray(1, c.createArrayOf("varchar", PROCESSORS.toArray()));
                delete.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("(i) could not empty the read models: " + e.getMessage(), e);
        }
        EndToEnd tokens = new EndToEnd(database, options);
        long[] began = {0};
        long[] caughtUp = {0};
        @SuppressWarnings("unchecked") Map<String, Long>[] behind = new Map[] {Map.of()};
        // Readiness may itself wait for the processors, so the clock is read beside the start, not after it.
        Thread watch = new Thread(() -> {
            long deadline = System.nanoTime() + Duration.ofHours(2).toNanos();
            while (System.nanoTime() < deadline) {
                Map<String, Long> now = tokens.trailing(head);
                now.keySet().retainAll(PROCESSORS);
                behind[0] = now;
                // Started: some segment of a rebuilt processor moved off the tail.
                if (began[0] == 0 && now.values().stream().anyMatch(b -> b < head)) {
                    began[0] = System.nanoTime();
                }
                if (now.size() == PROCESSORS.size() && now.values().stream().allMatch(b -> b == 0)) {
                    caughtUp[0] = System.nanoTime();
                    return;
                }
                Standalone.pause(100);
            }
        }, "bench-replay-watch");
        long launched = System.nanoTime();
        watch.start();
        Duration startUp = app.start("standalone-replay");
        try {
            watch.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (caughtUp[0] == 0) {
            throw new IllegalStateException("(i) the replay did not finish within 2 hours: " + behind[0]);
        }
        // The watcher reads tokens; the tables must agree, or the figure is not a rebuild's (a wrong reading of the
        // tokens once reported a replay done at once).
        long opened = database.queryLong("select count(*) from event_store.domain_event_entry "
                + "where payload_type = 'com.careslot.api.slot.SlotOpened'");
        long rebuilt = database.queryLong("select count(*) from query_side.slot");
        if (rebuilt != opened) {
            throw new IllegalStateException("(i) the tokens say the replay is done, but the slot view holds " + rebuilt
                    + " of " + opened + " slots");
        }
        long from = began[0] == 0 ? launched : began[0];
        return new Result(events, startUp, (caughtUp[0] - launched) / 1e9, (caughtUp[0] - from) / 1e9, behind[0]);
    }
}
