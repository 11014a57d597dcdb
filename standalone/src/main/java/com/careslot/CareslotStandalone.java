package com.careslot;

import java.util.Arrays;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.FullyQualifiedAnnotationBeanNameGenerator;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

import com.careslot.command.CommandSideApplication;
import com.careslot.demo.DemoData;
import com.careslot.notification.NotificationProjectorApplication;
import com.careslot.platform.database.EmbeddedPostgresHeadStart;
import com.careslot.query.QuerySideApplication;

/**
 * The command side, the query side and the notification projector in one process on one port, on the embedded
 * PostgreSQL unless {@code CARESLOT_DB_URL} is set. Only wiring lives here: the three services' own components,
 * without their {@code @SpringBootApplication} classes, under fully qualified bean names.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(
        basePackageClasses = {CommandSideApplication.class, QuerySideApplication.class,
                NotificationProjectorApplication.class},
        nameGenerator = FullyQualifiedAnnotationBeanNameGenerator.class,
        excludeFilters = {
                @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
                @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
                @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootApplication.class)})
@Import({WebPages.class, DemoData.class})
public class CareslotStandalone {

    private static final Logger log = LoggerFactory.getLogger(CareslotStandalone.class);

    public static void main(String[] args) {
        SpringApplicationBuilder application = new SpringApplicationBuilder(CareslotStandalone.class)
                .properties("server.port=8080", "spring.application.name=careslot")
                .initializers(new EmbeddedPostgresHeadStart());
        if (DemoData.requested(args)) {
            // Defaults only: CARESLOT_ADMIN_EMAIL / CARESLOT_ADMIN_PASSWORD and --careslot.* arguments still win.
            application.properties("careslot.demo=true", "careslot.admin.email=" + DemoData.ADMIN_EMAIL,
                    "careslot.admin.password=" + DemoData.ADMIN_PASSWORD,
                    "careslot.clinic.address=Careslot Demo Clinic, 12 Harbour Street");
            args = Arrays.stream(args).filter(arg -> !arg.equals("--demo")).toArray(String[]::new);
        }
        ConfigurableApplicationContext context = application.run(args);
        if (context.getEnvironment().getProperty("careslot.training-run", Boolean.class, false)) {
            // The build's class-data training start (standalone/pom.xml): ready, so every class a start needs is
            // loaded; a clean stop (the embedded PostgreSQL with it), and the JVM writes its archive at exit.
            System.exit(SpringApplication.exit(context));
        }
    }

    /** Last of the start-up: after the demo data (when asked for) is in, so the sign-ins printed after it work. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE)
    void announce(ApplicationReadyEvent ready) {
        Environment environment = ready.getApplicationContext().getEnvironment();
        String port = environment.getProperty("local.server.port", "8080");
        log.info("Careslot is running. Web pages: http://localhost:{}/  API and Swagger UI: "
                + "http://localhost:{}/swagger-ui.html", port, port);
        ready.getApplicationContext().getBeanProvider(DemoData.class).ifAvailable(DemoData::announce);
    }
}
