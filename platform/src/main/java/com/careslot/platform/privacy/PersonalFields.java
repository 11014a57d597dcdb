package com.careslot.platform.privacy;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import com.careslot.api.privacy.DataSubject;
import com.careslot.api.privacy.PersonalData;

/**
 * Where an event type keeps personal data: its {@link DataSubject} component and the JSON paths of its
 * {@link PersonalData} components, found once per type by reflection over record components.
 */
final class PersonalFields {

    private static final ClassValue<PersonalFields> BY_TYPE = new ClassValue<>() {
        @Override
        protected PersonalFields computeValue(Class<?> type) {
            return computeFor(type);
        }
    };
    /**
     * Reads and writes event JSON exactly: decimals stay {@code BigDecimal} with their scale (a fee of 80.00 must not
     * come back as 80.0), so rewriting a text leaves every other byte's meaning as it was.
     */
    static final ObjectMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();
    static final PersonalFields NONE = new PersonalFields(null, List.of());

    private final RecordComponent subject;
    private final List<Field> fields;

    private PersonalFields(RecordComponent subject, List<Field> fields) {
        this.subject = subject;
        this.fields = fields;
    }

    static PersonalFields of(Class<?> type) {
        if (type == null || !type.isRecord()) {
            return NONE;
        }
        return BY_TYPE.get(type);
    }

    /** The JSON name of the subject's id. */
    String subjectName() {
        return subject.getName();
    }

    boolean any() {
        return !fields.isEmpty();
    }

    /** The subject of {@code event}, an instance of this type. */
    UUID subjectOf(Object event) {
        try {
            return (UUID) subject.getAccessor().invoke(event);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The data subject of " + event.getClass() + " cannot be read", e);
        }
    }

    /** Replaces every personal text of {@code json}, this type's JSON form, by {@code change} of it. */
    void transform(JsonNode json, UnaryOperator<String> change) {
        for (Field field : fields) {
            field.transform(json, change);
        }
    }

    private static PersonalFields computeFor(Class<?> type) {
        RecordComponent subject = null;
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.isAnnotationPresent(DataSubject.class)) {
                if (subject != null || component.getType() != UUID.class) {
                    throw new IllegalStateException(type + " needs exactly one @DataSubject UUID component");
                }
                subject = component;
            }
        }
        List<Field> fields = fieldsOf(type);
        if (fields.isEmpty()) {
            return NONE;
        }
        if (subject == null) {
            throw new IllegalStateException(type + " has @PersonalData but no @DataSubject");
        }
        subject.getAccessor().setAccessible(true);
        return new PersonalFields(subject, fields);
    }

    private static List<Field> fieldsOf(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            if (!component.isAnnotationPresent(PersonalData.class)) {
                continue;
            }
            Class<?> raw = component.getType();
            if (raw == String.class) {
                fields.add(new Field(component.getName(), List.of()));
            } else if (raw.isRecord()) {
                fields.add(new Field(component.getName(), fieldsOf(raw)));
            } else if (List.class.isAssignableFrom(raw)) {
                Class<?> element = elementOf(component.getGenericType(), type);
                fields.add(new Field(component.getName(), element == String.class ? List.of() : fieldsOf(element),
                        true));
            } else {
                throw new IllegalStateException("@PersonalData on " + type.getSimpleName() + "." + component.getName()
                        + ": only texts, records and lists of them can be encrypted");
            }
        }
        return List.copyOf(fields);
    }

    private static Class<?> elementOf(Type generic, Class<?> owner) {
        if (generic instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments()[0] instanceof Class<?> element
                && (element == String.class || element.isRecord())) {
            return element;
        }
        throw new IllegalStateException("@PersonalData on a list of " + generic + " in " + owner);
    }

    /** A component: a text when {@code nested} is empty, else a record (or a list of them) with personal fields. */
    private record Field(String name, List<Field> nested, boolean list) {

        Field(String name, List<Field> nested) {
            this(name, nested, false);
        }

        void transform(JsonNode parent, UnaryOperator<String> change) {
            if (!(parent instanceof ObjectNode object)) {
                return;
            }
            JsonNode value = object.get(name);
            if (value == null || value.isNull()) {
                return;
            }
            if (list && value instanceof ArrayNode array) {
                for (int i = 0; i < array.size(); i++) {
                    if (nested.isEmpty()) {
                        if (array.get(i).isTextual()) {
                            array.set(i, TextNode.valueOf(change.apply(array.get(i).asText())));
                        }
                    } else {
                        JsonNode element = array.get(i);
                        nested.forEach(field -> field.transform(element, change));
                    }
                }
            } else if (nested.isEmpty()) {
                if (value.isTextual()) {
                    object.put(name, change.apply(value.asText()));
                }
            } else {
                nested.forEach(field -> field.transform(value, change));
            }
        }
    }
}
