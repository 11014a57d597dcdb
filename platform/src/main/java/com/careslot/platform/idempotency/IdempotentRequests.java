package com.careslot.platform.idempotency;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The keys and their first answers, in the {@link IdempotencyTable}. Every statement commits on its own, so a claim
 * is visible to every node at once. Times are the database's ({@code now()}), so the nodes' clocks do not matter.
 */
public class IdempotentRequests {

    private static final Logger log = LoggerFactory.getLogger(IdempotentRequests.class);
    private static final TypeReference<LinkedHashMap<String, String>> HEADERS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final String table;
    private final Duration retention;
    private final Duration lease;

    IdempotentRequests(DataSource dataSource, ObjectMapper json, IdempotencyTable table, Duration retention,
                       Duration lease) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.json = json;
        this.table = table.qualifiedName();
        this.retention = retention;
        this.lease = lease;
    }

    /**
     * Claims the key for this request, answering when the claim was made, or empty when another row holds the key.
     * A row older than the retention is forgotten and claimed afresh; so is the claim of the very same request
     * left in progress for longer than the lease (its node died before answering).
     */
    Optional<OffsetDateTime> claim(KeyedRequest request) {
        List<OffsetDateTime> claimed = jdbc.query("""
                        insert into %s as kept (scope, key, method, path, body_sha256, created_at)
                        values (?, ?, ?, ?, ?, now())
                        on conflict (scope, key) do update
                           set method = excluded.method, path = excluded.path, body_sha256 = excluded.body_sha256,
                               status = null, headers = null, body = null,
                               created_at = excluded.created_at, completed_at = null
                         where kept.created_at < now() - make_interval(secs => ?)
                            or (kept.completed_at is null and kept.created_at < now() - make_interval(secs => ?)
                                and kept.method = excluded.method and kept.path = excluded.path
                                and kept.body_sha256 = excluded.body_sha256)
                        returning created_at""".formatted(table),
                (row, i) -> row.getObject(1, OffsetDateTime.class),
                request.scope(), request.key(), request.method(), request.path(), request.bodySha256(),
                seconds(retention), seconds(lease));
        return claimed.stream().findFirst();
    }

    /** What the row holding the key says, unless it has gone meanwhile. */
    Optional<Recorded> find(KeyedRequest request) {
        return jdbc.query("""
                        select method, path, body_sha256, status, headers::text, body from %s
                         where scope = ? and key = ?""".formatted(table),
                (row, i) -> {
                    int status = row.getInt("status");
                    RecordedAnswer answer = row.wasNull() ? null
                            : new RecordedAnswer(status, headers(row.getString("headers")), row.getBytes("body"));
                    return new Recorded(row.getString("method"), row.getString("path"), row.getString("body_sha256"),
                            answer);
                },
                request.scope(), request.key()).stream().findFirst();
    }

    /** Keeps the answer for retries, unless the claim was taken over meanwhile. */
    void complete(KeyedRequest request, OffsetDateTime claimedAt, RecordedAnswer answer) {
        jdbc.update("""
                        update %s set status = ?, headers = cast(? as jsonb), body = ?, completed_at = now()
                         where scope = ? and key = ? and created_at = ? and completed_at is null""".formatted(table),
                answer.status(), text(answer.headers()), answer.body(), request.scope(), request.key(), claimedAt);
    }

    /** Gives the key up, so that a retry runs the request again. */
    void release(KeyedRequest request, OffsetDateTime claimedAt) {
        jdbc.update("delete from %s where scope = ? and key = ? and created_at = ? and completed_at is null"
                .formatted(table), request.scope(), request.key(), claimedAt);
    }

    /** Deletes the rows older than the retention; every node may run it at any time. */
    @Scheduled(initialDelayString = "${careslot.idempotency.cleanup-interval:PT10M}",
            fixedDelayString = "${careslot.idempotency.cleanup-interval:PT10M}")
    public int deleteExpired() {
        int deleted = jdbc.update("delete from %s where created_at < now() - make_interval(secs => ?)"
                .formatted(table), seconds(retention));
        if (deleted > 0) {
            log.debug("Forgot {} idempotency keys older than {}", deleted, retention);
        }
        return deleted;
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private String text(Map<String, String> headers) {
        try {
            return json.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> headers(String text) {
        try {
            return text == null ? Map.of() : json.readValue(text, HEADERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A row: the request that claimed the key and, once it has finished, its answer (null while in progress). */
    record Recorded(String method, String path, String bodySha256, RecordedAnswer answer) {

        boolean inProgress() {
            return answer == null;
        }
    }
}
