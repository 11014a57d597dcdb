package com.careslot.cluster;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the deployment's PostgreSQL holds about a set of slots: the event store's truth and the read model's view. */
final class Ledger {

    private Ledger() {
    }

    /** Per slot, the appointment ids of its SlotBooked events, in order. */
    static Map<String, List<String>> bookingEvents(Collection<String> slotIds) throws SQLException {
        Map<String, List<String>> booked = new HashMap<>();
        query("""
                select aggregate_identifier, convert_from(payload, 'UTF8')::jsonb ->> 'appointmentId'
                  from event_store.domain_event_entry
                 where aggregate_identifier = any (?) and payload_type like '%.SlotBooked'
                 order by global_index""", slotIds, rs -> booked.computeIfAbsent(rs.getString(1),
                k -> new ArrayList<>()).add(rs.getString(2)));
        return booked;
    }

    /** Per slot, the types of its events, in order. */
    static Map<String, List<String>> eventTypes(Collection<String> slotIds) throws SQLException {
        Map<String, List<String>> types = new HashMap<>();
        query("""
                select aggregate_identifier, regexp_replace(payload_type, '^.*\\.', '')
                  from event_store.domain_event_entry
                 where aggregate_identifier = any (?)
                 order by global_index""", slotIds, rs -> types.computeIfAbsent(rs.getString(1),
                k -> new ArrayList<>()).add(rs.getString(2)));
        return types;
    }

    /** Slots whose event stream has a gap or a duplicate sequence number (a half-written change would show here). */
    static List<String> brokenStreams(Collection<String> slotIds) throws SQLException {
        List<String> broken = new ArrayList<>();
        query("""
                select aggregate_identifier from event_store.domain_event_entry
                 where aggregate_identifier = any (?)
                 group by aggregate_identifier
                having count(*) <> max(sequence_number) + 1 or min(sequence_number) <> 0""", slotIds,
                rs -> broken.add(rs.getString(1)));
        return broken;
    }

    /** Per slot, "STATUS appointmentId" as the query side's read model has it. */
    static Map<String, String> readModel(Collection<String> slotIds) throws SQLException {
        Map<String, String> slots = new HashMap<>();
        try (Connection connection = LocalCluster.running().database();
             PreparedStatement select = connection.prepareStatement(
                     "select slot_id::text, status, appointment_id::text from query_side.slot where slot_id = any (?)")) {
            select.setArray(1, connection.createArrayOf("uuid", slotIds.stream().map(UUID::fromString).toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    slots.put(rs.getString(1), rs.getString(2) + " " + rs.getString(3));
                }
            }
        }
        return slots;
    }

    interface Row {
        void accept(ResultSet row) throws SQLException;
    }

    private static void query(String sql, Collection<String> slotIds, Row row) throws SQLException {
        try (Connection connection = LocalCluster.running().database();
             PreparedStatement select = connection.prepareStatement(sql)) {
            Array ids = connection.createArrayOf("varchar", slotIds.toArray());
            select.setArray(1, ids);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
        }
    }
}
