package com.careslot.platform.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.benmanes.caffeine.cache.Caffeine;

import com.careslot.api.privacy.PersonalData;

/**
 * The data subjects' keys ({@code event_store.subject_key}), each wrapped by the master key, and the encryption of
 * one text for one subject.
 * <p>
 * A text is stored as {@code enc:v1:<subjectId>:<Base64 of AES-GCM nonce+ciphertext>}, the subject id also being the
 * associated data: any reader can tell whose key opens it without knowing the event's type (the audit trail relies
 * on that). An erased subject's row stays as a tombstone without a key, so texts written for them later are stored as
 * {@value PersonalData#ERASED} at once.
 * <p>
 * Keys are cached (Caffeine, bounded, each entry for {@code careslot.privacy.key-cache-ttl}): a serialisation does not
 * query the database once its subject's key is known. An erasure evicts the key on the node that erased at once;
 * other nodes drop it when the entry expires, so another node may still read a just-erased person for at most that
 * long (docs/PRIVACY.md). A new key is created and committed on a connection of its own, never inside the caller's
 * transaction: a key that rolled back with an event while staying cached would encrypt later events with a key that
 * exists nowhere.
 */
public class SubjectKeys {

    static final String PREFIX = "enc:v1:";

    private final DataSource dataSource;
    private final Aead master;
    private final Cache<UUID, Optional<Aead>> cache;
    private final AtomicLong lookups = new AtomicLong();

    public SubjectKeys(DataSource dataSource, Aead master, Duration ttl, long maximumSize) {
        this.dataSource = dataSource;
        this.master = master;
        this.cache = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(ttl).build();
    }

    /** The text encrypted for the subject, or {@value PersonalData#ERASED} when the subject was erased. */
    public String encrypt(UUID subject, String plaintext) {
        Optional<Aead> key = cache.get(subject, id -> Optional.ofNullable(loadOrCreate(id)));
        if (key.isEmpty()) {
            return PersonalData.ERASED;
        }
        byte[] sealed = key.get().encrypt(plaintext.getBytes(StandardCharsets.UTF_8), associatedData(subject));
        return PREFIX + subject + ":" + Base64.getEncoder().encodeToString(sealed);
    }

    static boolean isEncrypted(String text) {
        return text != null && text.startsWith(PREFIX);
    }

    /**
     * The clear text of an {@link #encrypt encrypted} text, {@value PersonalData#ERASED} when its subject's key is
     * gone, the text itself when it is not encrypted.
     */
    public String decrypt(String text) {
        if (!isEncrypted(text)) {
            return text;
        }
        int colon = text.indexOf(':', PREFIX.length());
        UUID subject;
        byte[] sealed;
        try {
            subject = UUID.fromString(text.substring(PREFIX.length(), colon));
            sealed = Base64.getDecoder().decode(text.substring(colon + 1));
        } catch (RuntimeException malformed) {
            throw new IllegalStateException("A malformed encrypted text", malformed);
        }
        Optional<Aead> key = cache.get(subject, id -> Optional.ofNullable(load(id)));
        if (key.isEmpty()) {
            return PersonalData.ERASED;
        }
        try {
            return new String(key.get().decrypt(sealed, associatedData(subject)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("An encrypted text of subject " + subject + " does not decrypt", e);
        }
    }

    /**
     * The JSON text {@code json} with every encrypted text in it decrypted (or {@value PersonalData#ERASED}), whatever
     * its shape: for stored copies of event payloads such as the audit trail, which keeps them encrypted.
     */
    public String reveal(String json) {
        if (json == null || !json.contains(PREFIX)) {
            return json;
        }
        try {
            JsonNode tree = PersonalFields.EXACT.readTree(json);
            return PersonalFields.EXACT.writeValueAsString(reveal(tree));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored payload is not JSON", e);
        }
    }

    private JsonNode reveal(JsonNode node) {
        if (node.isTextual() && isEncrypted(node.asText())) {
            return TextNode.valueOf(decrypt(node.asText()));
        }
        if (node instanceof ObjectNode object) {
            object.properties().forEach(field -> field.setValue(reveal(field.getValue())));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, reveal(array.get(i)));
            }
        }
        return node;
    }

    /**
     * Deletes the subject's key for good (keeping a tombstone), on its own connection and committed at once. Every
     * text encrypted for the subject reads as erased from now on; false when it was erased before.
     */
    public boolean erase(UUID subject) {
        boolean erased = update("""
                insert into event_store.subject_key (subject_id, wrapped_key, erased_at) values (?, null, now())
                on conflict (subject_id) do update set wrapped_key = null, erased_at = now()
                where subject_key.erased_at is null""", subject) > 0;
        cache.invalidate(subject);
        return erased;
    }

    /** How many times a key was read from the database since start (cache misses), for measurements and tests. */
    public long lookups() {
        return lookups.get();
    }

    /** Forgets every cached key; the next use of each reads the table again. */
    public void evictAll() {
        cache.invalidateAll();
    }

    /**
     * Wraps every subject key anew with {@code newMaster}: the master-key rotation. Run it with the old key configured,
     * then restart every node with the new one. Returns how many keys were rewrapped.
     */
    public int rewrapAll(String newMasterBase64) {
        Aead next = Aead.of(Base64.getDecoder().decode(newMasterBase64.trim()));
        int count = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement select = connection.prepareStatement(
                    "select subject_id, wrapped_key from event_store.subject_key where wrapped_key is not null for update");
                 PreparedStatement update = connection.prepareStatement(
                         "update event_store.subject_key set wrapped_key = ? where subject_id = ?");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    UUID subject = rows.getObject(1, UUID.class);
                    byte[] raw = master.decrypt(rows.getBytes(2), associatedData(subject));
                    update.setBytes(1, next.encrypt(raw, associatedData(subject)));
                    update.setObject(2, subject);
                    update.addBatch();
                    count++;
                }
                update.executeBatch();
                connection.commit();
            } catch (SQLException | GeneralSecurityException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException | GeneralSecurityException e) {
            throw new IllegalStateException("Rewrapping the subject keys failed; nothing was changed", e);
        }
        return count;
    }

    private Aead loadOrCreate(UUID subject) {
        byte[][] row = tombstoneOrKey(subject);
        if (row == null) {
            byte[] raw = Aead.newKey();
            update("insert into event_store.subject_key (subject_id, wrapped_key) values (?, ?) "
                    + "on conflict (subject_id) do nothing", subject, master.encrypt(raw, associatedData(subject)));
            row = tombstoneOrKey(subject); // another node may have created it first: use the one stored
        }
        return unwrap(subject, row);
    }

    private Aead load(UUID subject) {
        return unwrap(subject, tombstoneOrKey(subject));
    }

    private Aead unwrap(UUID subject, byte[][] row) {
        if (row == null || row[0] == null) {
            return null;
        }
        try {
            return Aead.of(master.decrypt(row[0], associatedData(subject)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The key of subject " + subject
                    + " does not unwrap: is careslot.privacy.master-key (CARESLOT_MASTER_KEY) the right one?", e);
        }
    }

    /** null: no row; {null}: a tombstone; {wrapped}: a key. */
    private byte[][] tombstoneOrKey(UUID subject) {
        lookups.incrementAndGet();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select wrapped_key from event_store.subject_key where subject_id = ?")) {
            select.setObject(1, subject);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? new byte[][] {row.getBytes(1)} : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The subject keys cannot be read", e);
        }
    }

    private int update(String sql, UUID subject, Object... more) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setObject(1, subject);
                for (int i = 0; i < more.length; i++) {
                    statement.setObject(i + 2, more[i]);
                }
                return statement.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The subject keys cannot be written", e);
        }
    }

    private static byte[] associatedData(UUID subject) {
        return subject.toString().getBytes(StandardCharsets.UTF_8);
    }
}
