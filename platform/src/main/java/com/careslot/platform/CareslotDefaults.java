package com.careslot.platform;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code careslot-defaults.properties} as the lowest-precedence property source of every service, so the
 * services and {@code standalone} share one set of defaults that any configuration overrides. It also keeps Axon
 * from reaching out to AxonIQ's update service, and names Jakarta Mail's stream provider.
 */
public class CareslotDefaults implements EnvironmentPostProcessor {

    static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        // Axon reads these two as system properties only: no calls home to AxonIQ, no console advert in the log.
        setIfAbsent("axoniq.update-checker.disabled", "true");
        setIfAbsent("disable-axoniq-console-message", "true");
        // Jakarta Mail looks its StreamProvider up anew for every multipart, body part and encoded header; without
        // the class named here each lookup runs the ServiceLoader over the nested jars of the packaged application,
        // which was half the CPU of sending a booking's mails (and of the embedded catcher parsing them).
        setIfAbsent(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        try {
            new PropertiesPropertySourceLoader()
                    .load("careslot-defaults", new ClassPathResource("careslot-defaults.properties"))
                    .forEach(source -> environment.getPropertySources().addLast(source));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
