package com.careslot.api.privacy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a component of an event as personal data of the event's {@link DataSubject}: a text (or a list of texts) a
 * person typed about a person, or a nested record (or a list of them) whose own {@code @PersonalData} components are.
 * The event store keeps such texts encrypted with the subject's key; once that key is erased they read as
 * {@value #ERASED}. See docs/PRIVACY.md.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface PersonalData {

    /** What an encrypted text reads as after its subject's key was erased. */
    String ERASED = "[erased]";
}
