package com.careslot.cluster;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables the streaming processors of the query side and the notification projector write, read as sorted row
 * texts so two readings can be compared row for row, and emptied (with the processors' tokens) so the processors
 * rebuild them from the first event. Columns that say when a mail was processed (attempts, times of sending, errors)
 * are left out: a mail sent again is the same mail, sent later.
 */
final class ReadModelTables {

    /** Per notification table, the columns that follow from the events alone; tables not named here: every column. */
    private static final Map<String, String> EVENT_DERIVED_COLUMNS = Map.of(
            "notification.mail_log", "message_key, recipient_id, recipient_email, type, subject, status",
            "notification.reminder", "appointment_id, start_at, due_at, status");

    private ReadModelTables() {
    }

    /** Every table of the read-model schemas, each as its sorted rows. */
    static Map<String, List<String>> read(Connection connection) throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (String table : tables(connection)) {
            String columns = EVENT_DERIVED_COLUMNS.get(table);
            String select = columns == null ? "select t::text from " + table + " t"
                    : "select row(" + columns + ")::text from " + table;
            List<String> rows = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery(select + " order by 1")) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            tables.put(table, rows);
        }
        return tables;
    }

    /**
     * Empties every read-model table and sets the tokens of {@code processors} to none, which Axon reads as "from the
     * first event": each processor then handles the whole store as if it had never run — the mail processor (which
     * starts at the head only when it has no token row at all) included, and not as a replay, so it sends its mail.
     */
    static void empty(Connection connection, Collection<String> processors) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("truncate " + String.join(", ", tables(connection)));
        }
        try (var reset = connection.prepareStatement("update event_store.token_entry"
                + " set token = null, token_type = null, owner = null where processor_name = any (?)")) {
            reset.setArray(1, connection.createArrayOf("varchar", processors.toArray()));
            reset.executeUpdate();
        }
    }

    private static List<String> tables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("""
                     select table_schema || '.' || table_name from information_schema.tables
                      where table_schema in ('query_side', 'notification') and table_type = 'BASE TABLE'
                        and table_name <> 'flyway_schema_history'
                      order by 1""")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }
}
