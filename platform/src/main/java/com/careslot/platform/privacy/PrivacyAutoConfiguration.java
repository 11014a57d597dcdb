package com.careslot.platform.privacy;

import java.nio.file.Path;
import java.time.Duration;

import javax.sql.DataSource;

import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.careslot.platform.database.SchemaMigrations;

/**
 * Crypto-shredding of personal data in events (docs/PRIVACY.md): the subject keys, and Axon's event serializer
 * decorated so that it encrypts {@code @PersonalData} on write and decrypts it on read.
 */
@AutoConfiguration
public class PrivacyAutoConfiguration {

    @Bean
    SubjectKeys subjectKeys(DataSource dataSource, SchemaMigrations migrations,
                            @Value("${careslot.privacy.master-key:}") String masterKey,
                            @Value("${careslot.privacy.key-dir:${careslot.jwt.key-dir:${careslot.data-dir:./data}/keys}}")
                            String keyDir,
                            @Value("${careslot.privacy.key-cache-ttl:PT10S}") Duration ttl,
                            @Value("${careslot.privacy.key-cache-size:100000}") long size) {
        return new SubjectKeys(dataSource, MasterKey.load(masterKey, Path.of(keyDir)), ttl, size);
    }

    /** Wraps the event serializer Axon's auto-configuration made, whatever it is configured to be. */
    @Bean
    static BeanPostProcessor personalDataEventSerializer(ObjectProvider<SubjectKeys> keys) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if ("eventSerializer".equals(name) && bean instanceof Serializer serializer
                        && !(bean instanceof PersonalDataSerializer)) {
                    return new PersonalDataSerializer(serializer, keys::getObject);
                }
                return bean;
            }
        };
    }

    @Bean
    PlainPersonalDataRewrite plainPersonalDataRewrite(JdbcClient jdbc, PlatformTransactionManager transactions,
                                                      @Qualifier("eventSerializer") Serializer serializer,
                                                      SubjectKeys keys) {
        return new PlainPersonalDataRewrite(jdbc, new TransactionTemplate(transactions), serializer, keys);
    }

    @EventListener(ApplicationReadyEvent.class)
    void encryptOldEvents(ApplicationReadyEvent ready) {
        ready.getApplicationContext().getBean(PlainPersonalDataRewrite.class).run();
    }

    /**
     * The master-key rotation (docs/PRIVACY.md): started once, with every other node stopped, with the old key
     * configured and {@code careslot.privacy.rewrap-to} set to the new one, the process rewraps every subject key in
     * one transaction and exits; then every node starts with the new key.
     */
    @EventListener(ApplicationReadyEvent.class)
    void rewrapSubjectKeys(ApplicationReadyEvent ready) {
        String newMaster = ready.getApplicationContext().getEnvironment().getProperty("careslot.privacy.rewrap-to");
        if (newMaster == null || newMaster.isBlank()) {
            return;
        }
        int rewrapped = ready.getApplicationContext().getBean(SubjectKeys.class).rewrapAll(newMaster);
        LoggerFactory.getLogger(PrivacyAutoConfiguration.class).warn("Rewrapped {} subject keys with the new master "
                + "key; start every node with it as CARESLOT_MASTER_KEY now. Exiting.", rewrapped);
        System.exit(SpringApplication.exit(ready.getApplicationContext(), () -> 0));
    }
}
