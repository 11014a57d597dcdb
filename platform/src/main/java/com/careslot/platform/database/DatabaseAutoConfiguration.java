package com.careslot.platform.database;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.EntityManagerFactoryDependsOnPostProcessor;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The database: an external PostgreSQL when {@code CARESLOT_DB_URL} is set (Spring Boot's own data source then),
 * else the embedded one keeping its data under {@code careslot.data-dir}. Either way every schema is migrated by
 * Flyway before anything else touches it.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
public class DatabaseAutoConfiguration {

    static final String EMBEDDED = "'${careslot.db.url:}'.isBlank()";

    @Bean(destroyMethod = "release")
    @ConditionalOnExpression(EMBEDDED)
    EmbeddedPostgresServer embeddedPostgresServer(CareslotDatabaseProperties properties,
                                                  ObjectProvider<EmbeddedPostgresHeadStart.Started> headStart) {
        EmbeddedPostgresHeadStart.Started started = headStart.getIfAvailable();
        return started != null ? started.take() : properties.obtainEmbeddedServer();
    }

    @Bean
    @ConditionalOnExpression(EMBEDDED)
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgresServer server) {
        return DataSourceBuilder.create().type(HikariDataSource.class)
                .url(server.jdbcUrl()).username(server.user()).build();
    }

    /**
     * Every data source hands out connections lazily (Spring's {@link LazyConnectionDataSourceProxy}): a transaction
     * takes a pooled connection at its first statement, not when it begins. A command's unit of work begins its
     * transaction before it waits for its aggregate's lock, so without this every command queued for a hot slot would
     * hold one of the pool's connections while it waits.
     */
    @Bean
    static BeanPostProcessor lazyConnections() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource dataSource && !(bean instanceof LazyConnectionDataSourceProxy)
                        ? new LazyConnectionDataSourceProxy(dataSource) : bean;
            }
        };
    }

    @Bean
    CareslotDatabaseProperties careslotDatabaseProperties(org.springframework.core.env.Environment environment) {
        return CareslotDatabaseProperties.from(environment);
    }

    @Bean
    SchemaMigrations schemaMigrations(DataSource dataSource, ObjectProvider<ServiceSchema> schemas) {
        return new SchemaMigrations(dataSource, schemas.orderedStream().toList());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "jakarta.persistence.EntityManagerFactory")
    static class JpaWaitsForMigrations extends EntityManagerFactoryDependsOnPostProcessor {
        JpaWaitsForMigrations() {
            super("schemaMigrations");
        }
    }
}
