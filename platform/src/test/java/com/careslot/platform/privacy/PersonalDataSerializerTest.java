package com.careslot.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;

import com.careslot.api.doctor.CredentialNote;
import com.careslot.api.doctor.CredentialsReviewed;
import com.careslot.api.doctor.DoctorOnboarded;
import com.careslot.api.doctor.DoctorProfile;
import com.careslot.api.patient.PatientRegistered;
import com.careslot.api.slot.BookingCancelled;
import com.careslot.api.slot.SlotBooked;
import com.careslot.platform.test.app.PlatformTestApplication;

/** Axon's event serializer as every service gets it: personal data encrypted in the stored form, clear when read. */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PersonalDataSerializerTest {

    @Autowired
    @Qualifier("eventSerializer")
    Serializer serializer;
    @Autowired
    SubjectKeys keys;

    @Test
    void personalDataIsStoredEncryptedAndReadClear() {
        UUID patient = UUID.randomUUID();
        PatientRegistered registered = new PatientRegistered(patient, "ada@example.org", "Ada Lovelace", null);

        SerializedObject<byte[]> stored = serializer.serialize(registered, byte[].class);

        String text = new String(stored.getData(), StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("ada@example.org", "Ada Lovelace").contains(patient.toString(), "enc:v1:");
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(registered);
    }

    @Test
    void afterErasureEveryTextOfTheSubjectReadsErasedAndNewTextsAreNotEncryptedAgain() {
        UUID patient = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        SerializedObject<byte[]> registered = serializer.serialize(
                new PatientRegistered(patient, "bob@example.org", "Bob Brown", "+49 30 1234"), byte[].class);
        SerializedObject<byte[]> othersCancellation = serializer.serialize(cancelled(other, "flu"), byte[].class);

        assertThat(keys.erase(patient)).isTrue();

        assertThat((Object) serializer.deserialize(registered))
                .isEqualTo(new PatientRegistered(patient, "[erased]", "[erased]", "[erased]"));
        assertThat((Object) serializer.deserialize(othersCancellation)).isEqualTo(cancelled(other, "flu"));
        SerializedObject<byte[]> later = serializer.serialize(cancelled(patient, "moving away"), byte[].class);
        assertThat(new String(later.getData(), StandardCharsets.UTF_8)).doesNotContain("moving away");
        assertThat((Object) serializer.deserialize(later)).isEqualTo(cancelled(patient, "[erased]"));
        assertThat(keys.erase(patient)).isFalse();
    }

    @Test
    void nestedRecordsAndListsAreEncryptedForTheEventsSubject() {
        UUID doctor = UUID.randomUUID();
        DoctorOnboarded onboarded = new DoctorOnboarded(doctor, "dr.who@example.org", new DoctorProfile("Dr Who",
                "Cardiology", "Europe/Berlin", List.of("MD"), 12, new BigDecimal("80.00"), "Trained in Vienna"));
        CredentialsReviewed reviewed = new CredentialsReviewed(doctor,
                List.of(new CredentialNote(UUID.randomUUID(), "Licence expires soon")));

        SerializedObject<String> storedOnboarding = serializer.serialize(onboarded, String.class);
        SerializedObject<String> storedReview = serializer.serialize(reviewed, String.class);

        assertThat(storedOnboarding.getData()).doesNotContain("Dr Who", "dr.who@", "Vienna").contains("Cardiology");
        assertThat(storedReview.getData()).doesNotContain("Licence expires");
        assertThat((Object) serializer.deserialize(storedOnboarding)).isEqualTo(onboarded);
        assertThat((Object) serializer.deserialize(storedReview)).isEqualTo(reviewed);
    }

    @Test
    void eventsWithoutPersonalDataNeedNoKey() {
        long before = keys.lookups();
        SlotBooked booked = new SlotBooked(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                Instant.parse("2030-01-01T09:00:00Z"), Instant.parse("2030-01-01T09:30:00Z"));

        for (int i = 0; i < 100; i++) {
            assertThat((Object) serializer.deserialize(serializer.serialize(booked, byte[].class))).isEqualTo(booked);
        }

        assertThat(keys.lookups()).isEqualTo(before);
    }

    @Test
    void aSubjectsKeyIsReadFromTheDatabaseOnceWhileCached() {
        UUID patient = UUID.randomUUID();
        long before = keys.lookups();

        for (int i = 0; i < 50; i++) {
            serializer.deserialize(serializer.serialize(cancelled(patient, "reason " + i), byte[].class));
        }

        // one read finding no key, one after creating it
        assertThat(keys.lookups() - before).isEqualTo(2);
    }

    @Test
    void aCiphertextOpensOnlyForItsOwnSubjectAndUnchanged() throws GeneralSecurityException {
        Aead aead = Aead.of(Aead.newKey());
        byte[] sealed = aead.encrypt("secret".getBytes(StandardCharsets.UTF_8), "subject-a".getBytes());

        assertThat(new String(aead.decrypt(sealed, "subject-a".getBytes()), StandardCharsets.UTF_8))
                .isEqualTo("secret");
        assertThatThrownBy(() -> aead.decrypt(sealed, "subject-b".getBytes()))
                .isInstanceOf(GeneralSecurityException.class);
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> aead.decrypt(sealed, "subject-a".getBytes()))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> Aead.of(Aead.newKey()).decrypt(aead.encrypt(new byte[] {1}, new byte[0]), new byte[0]))
                .isInstanceOf(GeneralSecurityException.class);
    }

    /**
     * A store written by the code before encryption (the plain Jackson serializer), then the one-off rewrite that a
     * start runs: every personal text is encrypted in place, everything else is byte for byte what it was, and the
     * events read as before, until the key is erased.
     */
    @Test
    void eventsStoredInClearTextBeforeEncryptionAreEncryptedInPlaceOnce() {
        Serializer plain = ((PersonalDataSerializer) serializer).delegate();
        UUID patient = UUID.randomUUID();
        UUID doctor = UUID.randomUUID();
        PatientRegistered registered = new PatientRegistered(patient, "old@example.org", "Olga Old", "+4930999");
        DoctorOnboarded onboarded = new DoctorOnboarded(doctor, "dr.old@example.org", new DoctorProfile("Dr Old",
                "Cardiology", "Europe/Berlin", List.of("MD"), 3, new BigDecimal("80.00"), null));
        SlotBooked booked = new SlotBooked(UUID.randomUUID(), doctor, UUID.randomUUID(), patient,
                Instant.parse("2030-01-01T09:00:00Z"), Instant.parse("2030-01-01T09:30:00Z"));
        long first = store(plain, patient, registered);
        long second = store(plain, doctor, onboarded);
        long third = store(plain, booked.slotId(), booked);
        byte[] bookedBefore = payload(third);
        jdbc.update("update event_store.personal_data_rewrite set through = ?, done = false", third);

        long rewritten = rewrite.run();

        assertThat(rewritten).isGreaterThanOrEqualTo(2);
        assertThat(new String(payload(first), StandardCharsets.UTF_8)).doesNotContain("old@example.org", "Olga Old",
                "+4930999").contains("enc:v1:" + patient);
        assertThat(new String(payload(second), StandardCharsets.UTF_8)).doesNotContain("Dr Old", "dr.old@")
                .contains("80.00", "Cardiology");
        assertThat(payload(third)).isEqualTo(bookedBefore);
        assertThat((Object) read(first)).isEqualTo(registered);
        assertThat((Object) read(second)).isEqualTo(onboarded);
        assertThat(rewrite.run()).as("done once").isZero();
        keys.erase(patient);
        assertThat((Object) read(first)).isEqualTo(new PatientRegistered(patient, "[erased]", "[erased]", "[erased]"));
    }

    @Test
    void rotatingTheMasterKeyRewrapsEverySubjectKey() {
        UUID patient = UUID.randomUUID();
        String sealed = keys.encrypt(patient, "before the rotation");
        String newMaster = java.util.Base64.getEncoder().encodeToString(Aead.newKey());

        assertThat(keys.rewrapAll(newMaster)).isPositive();

        SubjectKeys rotated = new SubjectKeys(dataSource, Aead.of(java.util.Base64.getDecoder().decode(newMaster)),
                java.time.Duration.ofSeconds(10), 100);
        assertThat(rotated.decrypt(sealed)).isEqualTo("before the rotation");
        // put the test database back on the configured master key for the other tests
        assertThat(rotated.rewrapAll(masterKeyOfThisContext())).isPositive();
        keys.evictAll();
        assertThat(keys.decrypt(sealed)).isEqualTo("before the rotation");
    }

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;
    @Autowired
    PlainPersonalDataRewrite rewrite;
    @Autowired
    javax.sql.DataSource dataSource;
    @Autowired
    org.springframework.core.env.Environment environment;

    private String masterKeyOfThisContext() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of(environment.getProperty("careslot.data-dir"),
                    "keys", MasterKey.FILE)).trim();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long store(Serializer plain, UUID aggregate, Object event) {
        SerializedObject<byte[]> payload = plain.serialize(event, byte[].class);
        jdbc.update("""
                        insert into event_store.domain_event_entry (event_identifier, aggregate_identifier,
                            sequence_number, type, payload_type, payload_revision, payload, meta_data, time_stamp)
                        values (?, ?, 0, 'Test', ?, ?, ?, '{}'::bytea, '2026-01-01T00:00:00Z')""",
                UUID.randomUUID().toString(), aggregate.toString(), payload.getType().getName(),
                payload.getType().getRevision(), payload.getData());
        return jdbc.queryForObject("select max(global_index) from event_store.domain_event_entry", Long.class);
    }

    private byte[] payload(long globalIndex) {
        return jdbc.queryForObject("select payload from event_store.domain_event_entry where global_index = ?",
                byte[].class, globalIndex);
    }

    private Object read(long globalIndex) {
        return jdbc.queryForObject("select payload_type, payload_revision, payload from event_store.domain_event_entry "
                + "where global_index = ?", (rs, n) -> serializer.deserialize(new org.axonframework.serialization
                .SimpleSerializedObject<>(rs.getBytes(3), byte[].class, rs.getString(1), rs.getString(2))),
                globalIndex);
    }

    private static BookingCancelled cancelled(UUID patient, String reason) {
        return new BookingCancelled(UUID.fromString("00000000-0000-0000-0000-000000000001"),
                UUID.fromString("00000000-0000-0000-0000-000000000002"),
                UUID.fromString("00000000-0000-0000-0000-000000000003"), patient,
                Instant.parse("2030-01-01T09:00:00Z"), Instant.parse("2030-01-01T09:30:00Z"), reason);
    }
}
