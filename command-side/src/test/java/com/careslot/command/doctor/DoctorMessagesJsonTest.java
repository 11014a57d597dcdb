package com.careslot.command.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.careslot.api.doctor.ApplyAsDoctor;
import com.careslot.api.doctor.ApproveDoctor;
import com.careslot.api.doctor.DoctorApplied;
import com.careslot.api.doctor.DoctorApproved;
import com.careslot.api.doctor.DoctorOnboarded;
import com.careslot.api.doctor.DoctorProfile;
import com.careslot.api.doctor.DoctorProfilePatch;
import com.careslot.api.doctor.DoctorProfileUpdated;
import com.careslot.api.doctor.DoctorRejected;
import com.careslot.api.doctor.OnboardDoctor;
import com.careslot.api.doctor.RejectDoctor;
import com.careslot.api.doctor.UpdateDoctorProfile;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Doctor messages survive the event store's serializer: Jackson on an ObjectMapper configured as Spring Boot and
 * careslot-defaults.properties configure the services' one, which Axon wraps in its {@link JacksonSerializer}.
 * {@link BigDecimal#equals} compares the scale too, so a fee read back equal kept its cents ({@code 120.50}).
 */
class DoctorMessagesJsonTest {

    private static final UUID DOCTOR = UUID.fromString("d0c70000-0000-4000-8000-000000000001");
    private static final String EMAIL = "anna.berg@clinic.example";
    private static final DoctorProfile FULL = new DoctorProfile("Anna Berg", "Cardiology", "Europe/Berlin",
            List.of("MD", "FESC"), 12, new BigDecimal("120.50"), "Heart rhythm disorders.");
    private static final DoctorProfile MINIMAL = new DoctorProfile("Anna Berg", "Cardiology", "Europe/Berlin",
            List.of(), null, null, null);

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    static Stream<Object> events() {
        return Stream.of(
                new DoctorOnboarded(DOCTOR, EMAIL, FULL),
                new DoctorOnboarded(DOCTOR, EMAIL, MINIMAL),
                new DoctorApplied(DOCTOR, EMAIL, FULL),
                new DoctorApproved(DOCTOR),
                new DoctorRejected(DOCTOR, "No licence on file."),
                new DoctorProfileUpdated(DOCTOR, FULL),
                new DoctorProfileUpdated(DOCTOR, MINIMAL));
    }

    static Stream<Object> commands() {
        return Stream.of(
                new OnboardDoctor(DOCTOR, EMAIL, FULL),
                new ApplyAsDoctor(DOCTOR, EMAIL, MINIMAL),
                new ApproveDoctor(DOCTOR),
                new RejectDoctor(DOCTOR, "No licence on file."),
                new UpdateDoctorProfile(DOCTOR, new DoctorProfilePatch(null, "Electrophysiology", null, List.of(),
                        null, new BigDecimal("99.90"), "")));
    }

    @ParameterizedTest
    @MethodSource({"events", "commands"})
    void readsEveryMessageBackFromJson(Object message) throws Exception {
        String written = json.writeValueAsString(message);

        assertThat(json.readValue(written, message.getClass())).isEqualTo(message);
    }

    @ParameterizedTest
    @MethodSource("events")
    void readsEveryEventBackAsTheEventStoreKeepsIt(Object event) {
        Serializer serializer = JacksonSerializer.builder().objectMapper(json).build();

        SerializedObject<byte[]> stored = serializer.serialize(event, byte[].class);

        assertThat((Object) serializer.deserialize(stored)).isEqualTo(event);
    }
}
