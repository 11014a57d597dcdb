package com.careslot.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The bulk fixtures of (c) and (g), written by SQL while {@code standalone} is stopped, as the application itself
 * would have written them had the doctors opened their slots and patients held and released them through the API:
 * <ul>
 * <li>{@code event_store.domain_event_entry}: per seeded slot a {@code SlotOpened} (sequence 0), then
 * {@code SlotHeld}/{@code HoldReleased} pairs, with the payload and metadata JSON byte for byte in the form Axon's
 * Jackson serializer writes them (field order, ISO instants, {@code correlationId}/{@code actorId}/{@code actorRole})
 * and the timestamp text Axon writes, at the revision today's code writes ({@code SlotHeld} revision 2 with its
 * {@code expiryScheduleId}: an older revision goes through an upcaster, which makes Axon read every such event's
 * metadata eagerly, in every processor — a store today's code does not write);</li>
 * <li>what the subscribing handler writes in the same transaction: {@code command_side.doctor_calendar};</li>
 * <li>what the projections write: {@code query_side.slot} (FREE, {@code updated_at} = the last event's timestamp)
 * and {@code notification.audit_entry} (one row per event, derived from the event row);</li>
 * <li>every tracking token moved to the new last global index, so nothing is projected twice.</li>
 * </ul>
 * Seeded slots belong to doctors onboarded through the API, holds to patients who signed up through it.
 */
final class BulkSeed {

    static final String ISO_SECONDS = "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'";
    static final String AXON_TIMESTAMP = "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'";

    record Result(long slotsBefore, long slotsSeeded, long eventsBefore, long eventsSeeded, long eventsAfter,
                  double seconds) {
    }

    private final Database database;
    private final Options options;

    BulkSeed(Options options, Database database) {
        this.options = options;
        this.database = database;
    }

    Result seed(List<UUID> doctors, List<UUID> patients, long targetSlots, long targetEvents, Consumer<String> log) {
        long started = System.nanoTime();
        long slotsBefore = database.queryLong("select count(*) from query_side.slot");
        long eventsBefore = database.queryLong("select count(*) from event_store.domain_event_entry");
        long lastBefore = database.queryLong("select coalesce(max(global_index), 0) from event_store.domain_event_entry");
        long slots = Math.max(0, targetSlots - slotsBefore);
        if (slots == 0 || doctors.isEmpty() || patients.isEmpty()) {
            return new Result(slotsBefore, 0, eventsBefore, 0, eventsBefore, 0);
        }
        long holdPairs = Math.max(0, (targetEvents - eventsBefore - slots) / 2);
        long base = holdPairs / slots;
        long extra = holdPairs % slots;
        long rounds = base + (extra > 0 ? 1 : 0);
        try (Connection c = database.connect(options.dbName()); Statement s = c.createStatement()) {
            s.execute("set synchronous_commit = off");
            s.execute("set work_mem = '256MB'");
            s.execute("set maintenance_work_mem = '1GB'");
            s.execute("create temp table seed_doctor (k int primary key, doctor_id uuid not null)");
            s.execute("create temp table seed_patient (k int primary key, patient_id uuid not null)");
            insertIds(c, "seed_doctor", doctors);
            insertIds(c, "seed_patient", patients);
            int d = doctors.size();
            // Each doctor's seeded slots: 30 minutes, 08:00-18:00 UTC, 20 a day from tomorrow on.
            s.execute("""
                    create temp table seed_slot as
                    select n, gen_random_uuid() as slot_id, d.doctor_id, p.patient_id,
                           date_trunc('day', now()) + interval '1 day' + (n / %1$d / 20) * interval '1 day'
                               + interval '8 hours' + (n / %1$d %% 20) * interval '30 minutes' as start_at,
                           %2$d + case when n < %3$d then 1 else 0 end as holds
                    from generate_series(0, %4$d - 1) n
                    join seed_doctor d on d.k = n %% %1$d
                    join seed_patient p on p.k = n %% %5$d""".formatted(d, base, extra, slots, patients.size()));
            s.execute("alter table seed_slot add column end_at timestamptz");
            s.execute("update seed_slot set end_at = start_at + interval '30 minutes'");
            s.execute("analyze seed_slot");
            // Bulk inserts into a table with unique indexes on random keys are slow; the secondary indexes of the two
            // big tables are dropped for the seed and created again from their own definitions afterwards.
            Indexes eventIndexes = Indexes.drop(s, "event_store", "domain_event_entry");
            Indexes auditIndexes = Indexes.drop(s, "notification", "audit_entry");
            log.accept("seeding " + slots + " SlotOpened events");
            s.execute("""
                    insert into event_store.domain_event_entry (event_identifier, aggregate_identifier,
                        sequence_number, type, payload_type, payload, meta_data, time_stamp)
                    select gen_random_uuid()::text, slot_id::text, 0, 'Slot', 'com.careslot.api.slot.SlotOpened',
                        convert_to('{"slotId":"' || slot_id || '","doctorId":"' || doctor_id || '","start":"'
                            || to_char(start_at at time zone 'UTC', %1$s) || '","end":"'
                            || to_char(end_at at time zone 'UTC', %1$s) || '"}', 'UTF8'),
                        convert_to('{"correlationId":"' || gen_random_uuid() || '","actorId":"' || doctor_id
                            || '","actorRole":"DOCTOR"}', 'UTF8'),
                        to_char(clock_timestamp() at time zone 'UTC', %2$s)
                    from seed_slot order by n""".formatted(ISO_SECONDS, AXON_TIMESTAMP));
            if (rounds > 0) {
                log.accept("seeding " + holdPairs + " hold/release pairs");
                s.execute("""
                        insert into event_store.domain_event_entry (event_identifier, aggregate_identifier,
                            sequence_number, type, payload_type, payload_revision, payload, meta_data, time_stamp)
                        select gen_random_uuid()::text, slot_id::text, 2 * j - 1 + r, 'Slot',
                            case r when 0 then 'com.careslot.api.slot.SlotHeld'
                                   else 'com.careslot.api.slot.HoldReleased' end,
                            case r when 0 then '2' end,
                            convert_to(case r when 0 then
                                '{"slotId":"' || slot_id || '","doctorId":"' || doctor_id || '","holdId":"'
                                || md5(slot_id::text || '/' || j)::uuid || '","patientId":"' || patient_id
                                || '","start":"' || to_char(start_at at time zone 'UTC', %1$s) || '","end":"'
                                || to_char(end_at at time zone 'UTC', %1$s) || '","expiresAt":"'
                                || to_char((clock_timestamp() + interval '5 minutes') at time zone 'UTC',
                                           'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '","expiryScheduleId":"'
                                || md5(slot_id::text || '/' || j || '/expiry')::uuid || '"}'
                              else
                                '{"slotId":"' || slot_id || '","holdId":"' || md5(slot_id::text || '/' || j)::uuid
                                || '","patientId":"' || patient_id || '"}' end, 'UTF8'),
                            convert_to('{"correlationId":"' || gen_random_uuid() || '","actorId":"' || patient_id
                                || '","actorRole":"PATIENT"}', 'UTF8'),
                            to_char(clock_timestamp() at time zone 'UTC', %2$s)
                        from seed_slot cross join generate_series(1, holds) j cross join (values (0), (1)) v(r)
                        order by j, n, r""".formatted(ISO_SECONDS, AXON_TIMESTAMP));
            }
            log.accept("rebuilding the indexes of the event table");
            eventIndexes.restore(s);
            log.accept("seeding the doctors' calendars and the slot read model");
            s.execute("""
                    insert into command_side.doctor_calendar (slot_id, doctor_id, period)
                    select slot_id, doctor_id, tstzrange(start_at, end_at, '[)') from seed_slot""");
            s.execute("""
                    insert into query_side.slot (slot_id, doctor_id, start_at, end_at, status, updated_at)
                    select s.slot_id, s.doctor_id, s.start_at, s.end_at, 'FREE', e.time_stamp::timestamptz
                    from seed_slot s join event_store.domain_event_entry e
                      on e.aggregate_identifier = s.slot_id::text and e.sequence_number = 2 * s.holds""");
            log.accept("seeding the audit trail");
            s.execute("""
                    insert into notification.audit_entry (global_index, event_id, aggregate_id, aggregate_type,
                        sequence_number, type, occurred_at, actor_id, actor_role, correlation_id, meta_data, payload)
                    select global_index, event_identifier, aggregate_identifier, type, sequence_number,
                        regexp_replace(payload_type, '^.*\\.', ''), time_stamp::timestamptz, m ->> 'actorId',
                        m ->> 'actorRole', m ->> 'correlationId', m, convert_from(payload, 'UTF8')::jsonb
                    from (select *, convert_from(meta_data, 'UTF8')::jsonb as m
                          from event_store.domain_event_entry where global_index > %d) e""".formatted(lastBefore));
            log.accept("rebuilding the indexes of the audit trail");
            auditIndexes.restore(s);
            long last = database.queryLong("select max(global_index) from event_store.domain_event_entry");
            int moved = s.executeUpdate("""
                    update event_store.token_entry set token = convert_to('{"index":%d,"gaps":[]}', 'UTF8')
                    where token_type = 'org.axonframework.eventhandling.GapAwareTrackingToken'""".formatted(last));
            log.accept("moved " + moved + " tokens to " + last + "; analysing");
            for (String table : List.of("event_store.domain_event_entry", "command_side.doctor_calendar",
                    "query_side.slot", "notification.audit_entry")) {
                s.execute("vacuum analyze " + table);
            }
            s.execute("checkpoint");
        } catch (SQLException e) {
            throw new IllegalStateException("bulk seed failed: " + e.getMessage(), e);
        }
        long eventsAfter = database.queryLong("select count(*) from event_store.domain_event_entry");
        return new Result(slotsBefore, slots, eventsBefore, eventsAfter - eventsBefore, eventsAfter,
                (System.nanoTime() - started) / 1e9);
    }

    /** Every processor's tokens, as text; equal twice in a row means the processors are idle. */
    String tokens() {
        return database.queryText("select string_agg(processor_name || '/' || segment || '=' || "
                + "coalesce(convert_from(token, 'UTF8'), ''), ',' order by processor_name, segment) "
                + "from event_store.token_entry");
    }

    /** The non-primary-key indexes and unique constraints of a table, dropped and later created again as they were. */
    private record Indexes(String table, java.util.List<String> restore) {

        static Indexes drop(Statement s, String schema, String table) throws SQLException {
            String qualified = schema + "." + table;
            java.util.List<String> restore = new java.util.ArrayList<>();
            java.util.List<String> drops = new java.util.ArrayList<>();
            try (java.sql.ResultSet r = s.executeQuery("""
                    select conname, pg_get_constraintdef(oid) from pg_constraint
                    where conrelid = '%s'::regclass and contype = 'u'""".formatted(qualified))) {
                while (r.next()) {
                    drops.add("alter table " + qualified + " drop constraint " + r.getString(1));
                    restore.add("alter table " + qualified + " add constraint " + r.getString(1) + " " + r.getString(2));
                }
            }
            try (java.sql.ResultSet r = s.executeQuery("""
                    select i.indexname, i.indexdef from pg_indexes i
                    where i.schemaname = '%s' and i.tablename = '%s'
                      and not exists (select 1 from pg_constraint c where c.conindid = (i.schemaname || '.' || i.indexname)::regclass)
                    """.formatted(schema, table))) {
                while (r.next()) {
                    drops.add("drop index " + schema + "." + r.getString(1));
                    restore.add(r.getString(2));
                }
            }
            for (String drop : drops) {
                s.execute(drop);
            }
            return new Indexes(qualified, restore);
        }

        void restore(Statement s) throws SQLException {
            for (String create : restore) {
                s.execute(create);
            }
        }
    }

    private static void insertIds(Connection c, String table, List<UUID> ids) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("insert into " + table + " values (?, ?)")) {
            for (int i = 0; i < ids.size(); i++) {
                insert.setInt(1, i);
                insert.setObject(2, ids.get(i));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
