package com.careslot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.util.ClassUtils;

/**
 * Every system test shares one Spring context on one embedded database. A test that needs settings of its own gets a
 * second context on that database, whose event processors take segments the shared context then never gets back
 * while it stays cached — so such a test must close its context when it is done.
 */
class SharedContextTest {

    @Test
    void aTestWithItsOwnSettingsClosesItsContextAfterwards() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(SpringBootTest.class));
        List<String> offenders = new ArrayList<>();
        int seen = 0;
        for (BeanDefinition candidate : scanner.findCandidateComponents("com.careslot")) {
            if (candidate.getBeanClassName().startsWith("com.careslot.platform.")) {
                continue; // the platform's own tests, on this classpath through its test jar, run in that module
            }
            Class<?> test = ClassUtils.forName(candidate.getBeanClassName(), getClass().getClassLoader());
            seen++;
            SpringBootTest boot = test.getAnnotation(SpringBootTest.class);
            // Naming the standalone application (a test outside its package must, or it finds another) is the
            // shared context still: the same configuration Spring would have found.
            boolean ownClasses = boot.classes().length > 0
                    && !Arrays.equals(boot.classes(), new Class<?>[] {CareslotStandalone.class});
            boolean ownSettings = boot.properties().length > 0 || boot.args().length > 0
                    || ownClasses || Arrays.stream(test.getDeclaredClasses()).anyMatch(nested ->
                    nested.isAnnotationPresent(TestConfiguration.class)
                            || nested.isAnnotationPresent(Configuration.class));
            if (ownSettings && !test.isAnnotationPresent(DirtiesContext.class)) {
                offenders.add(test.getSimpleName());
            }
        }
        assertThat(seen).as("system tests found").isGreaterThan(20);
        assertThat(offenders).as("tests with their own context that keep it open").isEmpty();
    }
}
