package com.careslot.platform.privacy;

import java.io.IOException;
import java.util.UUID;
import java.util.function.Supplier;

import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.UnknownSerializedType;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Axon's event serializer with crypto-shredding: on write, every {@code @PersonalData} text of an event is encrypted
 * with its {@code @DataSubject}'s key ({@link SubjectKeys}); on read it is decrypted, or reads as {@code [erased]}
 * once the key is gone. Aggregates, projections, mails and the audit trail therefore see clear events and never
 * decrypt anything themselves; only the stored bytes are encrypted. Types without personal data pass straight to the
 * delegate (Axon's Jackson serializer), untouched and without a key lookup.
 */
public class PersonalDataSerializer implements Serializer {

    private final Serializer delegate;
    private final Supplier<SubjectKeys> keys;

    public PersonalDataSerializer(Serializer delegate, Supplier<SubjectKeys> keys) {
        this.delegate = delegate;
        this.keys = keys;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        PersonalFields fields = object == null ? PersonalFields.NONE : PersonalFields.of(object.getClass());
        if (!fields.any()) {
            return delegate.serialize(object, expectedRepresentation);
        }
        SerializedObject<byte[]> plain = delegate.serialize(object, byte[].class);
        UUID subject = fields.subjectOf(object);
        JsonNode json = read(plain.getData());
        SubjectKeys subjectKeys = keys.get();
        fields.transform(json, text -> SubjectKeys.isEncrypted(text) ? text : subjectKeys.encrypt(subject, text));
        T data = getConverter().convert(write(json), byte[].class, expectedRepresentation);
        return new SimpleSerializedObject<>(data, expectedRepresentation, plain.getType());
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        Class<?> type = SerializedType.emptyType().equals(serializedObject.getType()) ? null
                : delegate.classForType(serializedObject.getType());
        PersonalFields fields = type == null || UnknownSerializedType.class.equals(type) ? PersonalFields.NONE
                : PersonalFields.of(type);
        if (!fields.any()) {
            return delegate.deserialize(serializedObject);
        }
        JsonNode json = serializedObject.getContentType() == JsonNode.class
                ? ((JsonNode) serializedObject.getData()).deepCopy()
                : read(getConverter().convert(serializedObject.getData(), serializedObject.getContentType(),
                byte[].class));
        SubjectKeys subjectKeys = keys.get();
        fields.transform(json, subjectKeys::decrypt);
        return delegate.deserialize(new SimpleSerializedObject<>(write(json), byte[].class,
                serializedObject.getType()));
    }

    private static JsonNode read(byte[] json) {
        try {
            return PersonalFields.EXACT.readTree(json);
        } catch (IOException e) {
            throw new SerializationException("An event's JSON cannot be read", e);
        }
    }

    private static byte[] write(JsonNode json) {
        try {
            return PersonalFields.EXACT.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new SerializationException("An event's JSON cannot be written", e);
        }
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }

    /** The serializer this one decorates. */
    public Serializer delegate() {
        return delegate;
    }
}
