package com.careslot.command.account;

import java.time.Clock;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import com.careslot.api.account.Role;
import com.careslot.platform.database.EmbeddedPostgresServer;

/**
 * The first admin: from {@code CARESLOT_ADMIN_EMAIL} / {@code CARESLOT_ADMIN_PASSWORD} when set; on the embedded
 * default without them, generated at the first start and its one-time password printed once to the console.
 */
@Component
class FirstAdmin implements ApplicationRunner {

    static final String GENERATED_EMAIL = "admin@careslot.local";
    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final ApplicationContext context;
    private final String email;
    private final String password;

    FirstAdmin(Accounts accounts, PasswordEncoder passwords, Clock clock, ApplicationContext context,
               @Value("${careslot.admin.email:}") String email,
               @Value("${careslot.admin.password:}") String password) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.clock = clock;
        this.context = context;
        this.email = email;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!email.isBlank() && !password.isBlank()) {
            PasswordRules.check(password, email);
            if (create(email, password)) {
                log.info("Created the admin account {} {}", Accounts.normalize(email), origin());
            }
            return;
        }
        boolean embedded = context.getBeanNamesForType(EmbeddedPostgresServer.class).length > 0;
        if (!embedded || accounts.anyWithRole(Role.ADMIN)) {
            if (!accounts.anyWithRole(Role.ADMIN)) {
                log.warn("No admin account exists. Set CARESLOT_ADMIN_EMAIL and CARESLOT_ADMIN_PASSWORD to create one.");
            }
            return;
        }
        String generated = Secrets.token().substring(0, 20);
        if (create(GENERATED_EMAIL, generated)) {
            // Printed, not logged: shown once on the console of the first start, never stored in clear.
            System.out.printf("%n  Careslot admin (shown once): %s / %s%n  Change it by setting "
                    + "CARESLOT_ADMIN_EMAIL and CARESLOT_ADMIN_PASSWORD.%n%n", GENERATED_EMAIL, generated);
        }
    }

    private String origin() {
        return context.getEnvironment() instanceof ConfigurableEnvironment environment ? origin(environment)
                : "from careslot.admin.email";
    }

    /** Where careslot.admin.email came from, in the words an operator sets it with. */
    static String origin(ConfigurableEnvironment environment) {
        for (PropertySource<?> source : environment.getPropertySources()) {
            // "configurationProperties" is Spring Boot's view over all the others: the real source follows it.
            if (!"configurationProperties".equals(source.getName()) && source.containsProperty("careslot.admin.email")) {
                return switch (source.getName()) {
                    case StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME -> "from CARESLOT_ADMIN_EMAIL";
                    case CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME ->
                            "from --careslot.admin.email on the command line";
                    case "defaultProperties" -> "from this run's defaults (the --demo admin)";
                    default -> "from careslot.admin.email in " + source.getName();
                };
            }
        }
        return "from careslot.admin.email";
    }

    private boolean create(String adminEmail, String adminPassword) {
        return accounts.insert(new Account(UUID.randomUUID(), adminEmail, passwords.encode(adminPassword), Role.ADMIN,
                Account.Status.ACTIVE, true, clock.instant()));
    }
}
