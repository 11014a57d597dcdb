package com.careslot;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.web.filter.OncePerRequestFilter;

import com.careslot.platform.test.HttpJson;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Counts (and keeps the SQL of) the statements one HTTP request causes on the thread that serves it, for tests that prove a read costs
 * a constant number of statements (no N+1). A request carrying {@value #HEADER} is counted under that header's value;
 * every other request, and every background thread (event processors, deadlines), is not.
 * <p>
 * Every test context of the module gets it, through {@code META-INF/spring.factories}, so all of them stay one
 * cached context: the customizer is equal in each.
 */
final class StatementCounting {

    static final String HEADER = "X-Test-Count-Statements";

    private static final ThreadLocal<List<String>> CURRENT = new ThreadLocal<>();
    private static final Map<String, List<String>> COUNTED = new ConcurrentHashMap<>();
    private static final Set<String> PREPARING = Set.of("prepareStatement", "createStatement", "prepareCall");

    private StatementCounting() {
    }

    /** Sends a GET counted under a fresh key and answers how many statements it prepared on the server. */
    static int statementsOf(HttpJson client, String path) {
        String key = UUID.randomUUID().toString();
        HttpJson.Response response = client.send(HttpRequest.newBuilder(URI.create(client.baseUrl() + path))
                .header(HEADER, key).GET());
        if (response.status() != 200) {
            throw new AssertionError("GET " + path + " answered " + response);
        }
        return statements(key).size();
    }

    /** Sends a POST with a JSON body, expects {@code status}, and answers the SQL of every statement it prepared. */
    static List<String> statementsOfPost(HttpJson client, String path, String body, int status) {
        String key = UUID.randomUUID().toString();
        HttpJson.Response response = client.send(HttpRequest.newBuilder(URI.create(client.baseUrl() + path))
                .header(HEADER, key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (response.status() != status) {
            throw new AssertionError("POST " + path + " answered " + response);
        }
        return statements(key);
    }

    /** Sends a DELETE, expects {@code status}, and answers the SQL of every statement it prepared. */
    static List<String> statementsOfDelete(HttpJson client, String path, int status) {
        String key = UUID.randomUUID().toString();
        HttpJson.Response response = client.send(HttpRequest.newBuilder(URI.create(client.baseUrl() + path))
                .header(HEADER, key).DELETE());
        if (response.status() != status) {
            throw new AssertionError("DELETE " + path + " answered " + response);
        }
        return statements(key);
    }

    private static List<String> statements(String key) {
        return Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> COUNTED.get(key), sql -> sql != null);
    }

    public static final class Factory implements ContextCustomizerFactory {

        @Override
        public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                         List<ContextConfigurationAttributes> configAttributes) {
            return new Customizer();
        }
    }

    static final class Customizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            if (context instanceof BeanDefinitionRegistry registry) {
                registry.registerBeanDefinition("statementCountingDataSources",
                        new RootBeanDefinition(CountingDataSources.class));
                registry.registerBeanDefinition("statementCountingFilter", new RootBeanDefinition(CountingFilter.class));
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Customizer;
        }

        @Override
        public int hashCode() {
            return Customizer.class.hashCode();
        }
    }

    /** Counts the statements of requests that carry the header, on the request's own thread. */
    static final class CountingFilter extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String key = request.getHeader(HEADER);
            if (key == null) {
                chain.doFilter(request, response);
                return;
            }
            List<String> statements = new java.util.concurrent.CopyOnWriteArrayList<>();
            CURRENT.set(statements);
            try {
                chain.doFilter(request, response);
            } finally {
                CURRENT.remove();
                COUNTED.put(key, List.copyOf(statements));
            }
        }
    }

    static final class CountingDataSources implements BeanPostProcessor {

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            return bean instanceof DataSource dataSource && !(bean instanceof CountingDataSource)
                    ? new CountingDataSource(dataSource) : bean;
        }
    }

    static final class CountingDataSource extends DelegatingDataSource implements AutoCloseable {

        CountingDataSource(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return counting(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return counting(super.getConnection(username, password));
        }

        @Override
        public void close() throws Exception {
            if (getTargetDataSource() instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }

        private static Connection counting(Connection connection) {
            return (Connection) Proxy.newProxyInstance(StatementCounting.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("equals") && args != null && args.length == 1) {
                            return proxy == args[0];
                        }
                        if (method.getName().equals("hashCode") && args == null) {
                            return System.identityHashCode(proxy);
                        }
                        List<String> statements = CURRENT.get();
                        if (statements != null && PREPARING.contains(method.getName())) {
                            statements.add(args != null && args.length > 0 && args[0] instanceof String sql ? sql
                                    : "(" + method.getName() + ")");
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (InvocationTargetException e) {
                            throw e.getTargetException();
                        }
                    });
        }
    }
}
