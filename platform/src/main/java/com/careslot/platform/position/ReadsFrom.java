package com.careslot.platform.position;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The event processors (processing groups) whose read models an endpoint answers from. A read that sends
 * {@code X-Careslot-Position} waits for these; without the annotation it waits for every streaming processor of
 * the process.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ReadsFrom {

    String[] value();
}
