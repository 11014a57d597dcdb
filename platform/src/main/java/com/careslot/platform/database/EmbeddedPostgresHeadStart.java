package com.careslot.platform.database;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the embedded PostgreSQL (initdb on a fresh data directory, then the server) on its own thread as soon as the
 * context's environment is known, so that it runs while Spring reads the bean definitions instead of after them; the
 * {@code embeddedPostgresServer} bean then takes the started server (issue 17, point 6: start-up). For an
 * application's {@code main} ({@code SpringApplicationBuilder.initializers}); contexts without it start the server
 * when the bean is created, as before. With {@code CARESLOT_DB_URL} set it does nothing.
 */
public final class EmbeddedPostgresHeadStart implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String BEAN = "embeddedPostgresHeadStart";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (!context.getEnvironment().getProperty("careslot.db.url", "").isBlank()) {
            return;
        }
        CareslotDatabaseProperties properties = CareslotDatabaseProperties.from(context.getEnvironment());
        Started started = new Started(CompletableFuture.supplyAsync(properties::obtainEmbeddedServer,
                task -> new Thread(task, "embedded-postgres-start").start()));
        context.getBeanFactory().registerSingleton(BEAN, started);
        if (context.getBeanFactory() instanceof DefaultListableBeanFactory factory) {
            factory.registerDisposableBean(BEAN, started); // a context that fails before taking it lets go of it
        }
    }

    /** The server being started; taken once by the bean that owns (and releases) it from then on. */
    static final class Started implements DisposableBean {

        private final CompletableFuture<EmbeddedPostgresServer> server;
        private final AtomicBoolean taken = new AtomicBoolean();

        Started(CompletableFuture<EmbeddedPostgresServer> server) {
            this.server = server;
        }

        EmbeddedPostgresServer take() {
            taken.set(true);
            try {
                return server.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }

        /** Closing: a server nobody took is released once it has started (a failed start has nothing to release). */
        @Override
        public void destroy() {
            if (!taken.get()) {
                try {
                    server.join().release();
                } catch (CompletionException failedToStart) {
                    // the context that did not take it has failed or closed for its own reason
                }
            }
        }
    }
}
