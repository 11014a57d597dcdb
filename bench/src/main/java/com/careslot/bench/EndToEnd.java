package com.careslot.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.careslot.bench.Fixtures.Patient;

/**
 * (h) End to end: clients book for a while, and a booking counts only once everything that follows from it is done —
 * the slot shows BOOKED in the slot view, the appointment view has it, the audit trail has its {@code SlotBooked} and
 * the patient's confirmation mail was sent. The clock runs from the start until the last of them is done (looked at
 * every 50 ms), and how far each processor trailed the store's head when the last booking was answered is noted.
 */
final class EndToEnd {

    private static final Pattern INDEX = Pattern.compile("\"index\"\\s*:\\s*(\\d+)");

    /** {@code cpu}: what the standalone JVM and PostgreSQL spent from the start until the last booking was done. */
    record Result(Load.Run run, double doneSeconds, Map<String, Long> trailingAtEnd, long headAtEnd,
                  String lastDone, CpuTime cpu) {

        double rate() {
            return run.booked() / doneSeconds;
        }

        double jvmMillisPerBooking() {
            return cpu.jvm().toNanos() / 1e6 / Math.max(1, run.booked());
        }

        double postgresMillisPerBooking() {
            return cpu.postgres().toNanos() / 1e6 / Math.max(1, run.booked());
        }
    }

    private final Database database;
    private final Options options;

    EndToEnd(Database database, Options options) {
        this.database = database;
        this.options = options;
    }

    Result run(Load load, Plan plan, java.util.Iterator<Patient> patients, Duration limit, long jvmPid) {
        ConcurrentLinkedQueue<String> booked = new ConcurrentLinkedQueue<>();
        long headBefore = head();
        CpuTime cpuBefore = CpuTime.now(jvmPid);
        long start = System.nanoTime();
        Load.Run run = load.bookings(plan, plan.bookings(patients), limit, booked);
        long headAtEnd = head();
        Map<String, Long> trailing = trailing(headAtEnd);
        List<String> slots = new ArrayList<>(booked);
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        String waitingFor = "";
        try (Connection c = database.connect(options.dbName())) {
            Array ids = c.createArrayOf("uuid", slots.toArray());
            while (true) {
                long slotView = count(c, "select count(*) from query_side.slot where status = 'BOOKED' "
                        + "and slot_id = any (?)", ids);
                long appointments = count(c, "select count(*) from query_side.appointment where slot_id = any (?)",
                        ids);
                long audited = count(c, "select count(*) from notification.audit_entry where global_index > "
                        + headBefore + " and type like '%SlotBooked' and aggregate_id = any (?::text[])", ids);
                long mailed = count(c, "select count(distinct e.event_identifier) from event_store.domain_event_entry e "
                        + "join notification.mail_log m on m.message_key = e.event_identifier and m.type = 'BOOKED' "
                        + "and m.status = 'SENT' where e.global_index > " + headBefore
                        + " and e.payload_type like '%SlotBooked' and e.aggregate_identifier = any (?::text[])", ids);
                waitingFor = "slot view " + slotView + ", appointment view " + appointments + ", audit trail "
                        + audited + ", mails " + mailed + " of " + slots.size();
                if (slotView == slots.size() && appointments == slots.size() && audited == slots.size()
                        && mailed == slots.size()) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("(h) not done within 10 minutes: " + waitingFor);
                }
                Standalone.pause(50);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("(h) could not check: " + e.getMessage(), e);
        }
        double done = (System.nanoTime() - start) / 1e9;
        return new Result(run, done, trailing, headAtEnd, waitingFor, CpuTime.now(jvmPid).since(cpuBefore));
    }

    private static long count(Connection c, String sql, Array ids) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, ids);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private long head() {
        return database.queryLong("select coalesce(max(global_index), 0) from event_store.domain_event_entry");
    }

    /**
     * The global index a stored token has passed. A replay token (what Axon stores for a processor that starts from
     * the tail, or after a reset) names first the head it replays up to ({@code tokenAtReset}), then where the
     * processor is ({@code currentToken}) — a key the serializer leaves out while the replay has handled nothing yet,
     * which is then the tail, not the head. An empty token is the tail too.
     */
    static long position(String token) {
        int current = token.indexOf("\"currentToken\"");
        if (current < 0 && token.contains("\"tokenAtReset\"")) {
            return 0;
        }
        Matcher m = INDEX.matcher(current < 0 ? token : token.substring(current));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** Per processor, how many global indexes its slowest segment was behind {@code head}. */
    Map<String, Long> trailing(long head) {
        Map<String, Long> behind = new TreeMap<>();
        String rows = database.queryText("select string_agg(processor_name || '=' || "
                + "coalesce(convert_from(token, 'UTF8'), ''), '\n') from event_store.token_entry");
        if (rows == null) {
            return behind;
        }
        for (String row : rows.split("\n")) {
            String name = row.substring(0, row.indexOf('='));
            behind.merge(name, Math.max(0, head - position(row.substring(row.indexOf('=') + 1))), Math::max);
        }
        return behind;
    }
}
