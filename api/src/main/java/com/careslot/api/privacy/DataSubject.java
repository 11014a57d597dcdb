package com.careslot.api.privacy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The component (a {@code UUID}) naming the person whose key encrypts this event's {@link PersonalData}: a patient's
 * or a doctor's id. An event with personal data has exactly one.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface DataSubject {
}
