package com.careslot.command.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The first-admin line says where the admin's address came from (issue 19, point 10). */
class FirstAdminOriginTest {

    @Test
    void namesTheEnvironmentVariableOnlyWhenTheAddressCameFromIt() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("CARESLOT_ADMIN_EMAIL", "boss@clinic.example")));
        assertThat(FirstAdmin.origin(environment)).isEqualTo("from CARESLOT_ADMIN_EMAIL");
    }

    @Test
    void namesTheDemoDefaultsAndTheCommandLine() {
        StandardEnvironment demo = new StandardEnvironment();
        demo.getPropertySources().addLast(new MapPropertySource("defaultProperties",
                Map.of("careslot.admin.email", "admin@careslot.local")));
        assertThat(FirstAdmin.origin(demo)).isEqualTo("from this run's defaults (the --demo admin)");

        StandardEnvironment commandLine = new StandardEnvironment();
        commandLine.getPropertySources().addFirst(
                new SimpleCommandLinePropertySource("--careslot.admin.email=boss@clinic.example"));
        assertThat(FirstAdmin.origin(commandLine)).isEqualTo("from --careslot.admin.email on the command line");
    }
}
