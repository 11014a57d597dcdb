package com.careslot.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.careslot.platform.database.EmbeddedPostgresServer;
import com.careslot.platform.mail.CaughtMail;
import com.careslot.platform.mail.EmbeddedMailServer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * What the services of a multi-process deployment need besides each other, in one process of its own: a PostgreSQL
 * (the zonky binaries the services embed, on a fixed port, its data kept across restarts) and an SMTP catcher
 * (GreenMail, keeping every mail in memory). Both outlive any service, so a service can be killed and started again
 * against them, and a small control API on 127.0.0.1 lets an operator or a test take them away and bring them back:
 * <pre>
 *   GET  /health           {"database":"up","smtp":"up"}
 *   GET  /mail             every mail caught, newest first (recipient, subject, text, Message-ID, attachments)
 *   GET  /mail/message-ids the Message-ID of every mail caught, one per recipient (cheap: no body is read)
 *   GET  /api/dev/mail?to= {"items":[…]}, the mail to one address, as a service's own catcher answers it
 *   POST /database/stop    stops PostgreSQL (fast shutdown: sessions are cut, as in an outage)
 *   POST /database/start   starts it again on the same port and data
 *   POST /smtp/stop        refuses mail (connection refused) until
 *   POST /smtp/start
 * </pre>
 * Started by {@code deploy/local/careslot-cluster}; arguments: {@code --data-dir=DIR --postgres-port=N
 * --smtp-port=N --control-port=N [--fresh] [--no-database]} (the last when the services use another PostgreSQL).
 */
public final class LocalInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(LocalInfrastructure.class);

    private final Path dataDirectory;
    private final int postgresPort;
    private final EmbeddedMailServer mail;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private EmbeddedPostgresServer postgres;

    private LocalInfrastructure(Path dataDirectory, int postgresPort, boolean database, boolean fresh, int smtpPort) {
        this.dataDirectory = dataDirectory;
        this.postgresPort = postgresPort;
        this.postgres = database ? EmbeddedPostgresServer.obtain(dataDirectory, postgresPort, fresh) : null;
        this.mail = EmbeddedMailServer.obtain(smtpPort);
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Map<String, String> options = options(args);
        Path data = Path.of(options.getOrDefault("data-dir", "data")).resolve("postgres");
        LocalInfrastructure infrastructure = new LocalInfrastructure(data,
                Integer.parseInt(options.getOrDefault("postgres-port", "5433")), !options.containsKey("no-database"),
                options.containsKey("fresh"),
                Integer.parseInt(options.getOrDefault("smtp-port", "2525")));
        HttpServer control = HttpServer.create(
                new InetSocketAddress("127.0.0.1", Integer.parseInt(options.getOrDefault("control-port", "8025"))), 16);
        control.setExecutor(Executors.newFixedThreadPool(4));
        control.createContext("/", infrastructure::handle);
        control.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            control.stop(0);
            infrastructure.stop();
            stopped.countDown();
        }, "infrastructure-stop"));
        log.info("Infrastructure ready: PostgreSQL on 127.0.0.1:{}, SMTP on 127.0.0.1:{}, control on http://127.0.0.1:{}/",
                infrastructure.postgresPort, infrastructure.mail.smtpPort(), control.getAddress().getPort());
        stopped.await();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument " + arg);
            }
            int equals = arg.indexOf('=');
            options.put(equals < 0 ? arg.substring(2) : arg.substring(2, equals),
                    equals < 0 ? "" : arg.substring(equals + 1));
        }
        return options;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            switch (route) {
                case "GET /health" -> answer(exchange, 200, status());
                case "GET /mail" -> answer(exchange, 200, mail.caughtMail());
                case "GET /mail/message-ids" -> answer(exchange, 200, mail.caughtMessageIds());
                case "GET /api/dev/mail" -> answer(exchange, 200, Map.of("items", mailTo(exchange)));
                case "POST /database/stop" -> answer(exchange, 200, stopDatabase());
                case "POST /database/start" -> answer(exchange, 200, startDatabase());
                case "POST /smtp/stop" -> {
                    mail.stopSmtp();
                    answer(exchange, 200, status());
                }
                case "POST /smtp/start" -> {
                    mail.startSmtp();
                    answer(exchange, 200, status());
                }
                default -> answer(exchange, 404, Map.of("error", "no such route: " + route));
            }
        } catch (RuntimeException e) {
            log.warn("Control request failed", e);
            answer(exchange, 500, Map.of("error", String.valueOf(e.getMessage())));
        } finally {
            exchange.close();
        }
    }

    private List<CaughtMail> mailTo(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        String to = query == null || !query.startsWith("to=") ? ""
                : URLDecoder.decode(query.substring(3), StandardCharsets.UTF_8).strip();
        return mail.caughtMail(to);
    }

    private synchronized Map<String, String> status() {
        return Map.of("database", postgres == null ? "down" : "up", "smtp", mail.acceptsMail() ? "up" : "down");
    }

    private synchronized Map<String, String> stopDatabase() {
        if (postgres != null) {
            postgres.release();
            postgres = null;
            log.info("PostgreSQL stopped");
        }
        return status();
    }

    private synchronized Map<String, String> startDatabase() {
        if (postgres == null) {
            postgres = EmbeddedPostgresServer.obtain(dataDirectory, postgresPort, false);
            log.info("PostgreSQL started again");
        }
        return status();
    }

    private synchronized void stop() {
        stopDatabase();
        mail.release();
    }

    private void answer(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
