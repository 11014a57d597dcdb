package com.careslot.command.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;
import java.util.stream.Stream;

import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.careslot.api.availability.AvailabilityDefined;
import com.careslot.api.availability.AvailabilityExtended;
import com.careslot.api.availability.DefineAvailability;
import com.careslot.api.availability.ExtendAvailability;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Availability messages survive the event store's serializer, configured as the services configure theirs. */
class AvailabilityMessagesJsonTest {

    private static final UUID RULE = UUID.fromString("a7a11ab1-0000-4000-8000-000000000001");
    private static final UUID DOCTOR = UUID.fromString("d0c70000-0000-4000-8000-000000000002");

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    static Stream<Object> messages() {
        return Stream.of(
                new AvailabilityDefined(RULE, DOCTOR, "FREQ=WEEKLY;BYDAY=MO,WE,FR", LocalTime.of(9, 0),
                        LocalTime.of(17, 30), 30, 5, LocalDate.of(2030, 3, 4), LocalDate.of(2030, 6, 28),
                        "Europe/Berlin"),
                new AvailabilityDefined(RULE, DOCTOR, "FREQ=DAILY", LocalTime.of(8, 0), LocalTime.of(12, 0), 20, 0,
                        LocalDate.of(2030, 3, 4), null, "America/New_York"),
                new AvailabilityExtended(RULE, LocalDate.of(2030, 4, 28)),
                new DefineAvailability(RULE, DOCTOR, "FREQ=DAILY", LocalTime.of(8, 0), LocalTime.of(12, 0), 20, 0,
                        LocalDate.of(2030, 3, 4), null, "Europe/Berlin"),
                new ExtendAvailability(RULE, LocalDate.of(2030, 4, 28)));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void readsEveryMessageBackAsTheEventStoreKeepsIt(Object message) {
        Serializer serializer = JacksonSerializer.builder().objectMapper(json).build();

        SerializedObject<byte[]> stored = serializer.serialize(message, byte[].class);

        assertThat((Object) serializer.deserialize(stored)).isEqualTo(message);
    }

    @Test
    void writesLocalTimesAndDatesAsIsoText() throws Exception {
        String written = json.writeValueAsString(messages().findFirst().orElseThrow());

        assertThat(written).contains("\"startTime\":\"09:00:00\"", "\"validFrom\":\"2030-03-04\"");
    }
}
