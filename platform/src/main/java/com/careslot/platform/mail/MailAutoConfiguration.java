package com.careslot.platform.mail;

import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.mail.MailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Outgoing mail: a real SMTP server when {@code SPRING_MAIL_HOST} is set (Spring Boot's own mail sender then), else
 * an embedded one that catches every mail in memory, so sign-up codes and invites work on a fresh machine and can
 * be read at {@code /mail} and {@code GET /api/dev/mail}. Code that sends mail uses the standard
 * {@code JavaMailSender} either way.
 */
@AutoConfiguration(before = MailSenderAutoConfiguration.class)
@ConditionalOnExpression(MailAutoConfiguration.EMBEDDED)
public class MailAutoConfiguration {

    static final String EMBEDDED = "'${spring.mail.host:}'.isBlank()";
    private static final Logger log = LoggerFactory.getLogger(MailAutoConfiguration.class);

    @Bean(destroyMethod = "release")
    EmbeddedMailServer embeddedMailServer(@Value("${careslot.mail.embedded-port:0}") int port) {
        return EmbeddedMailServer.obtain(port);
    }

    @Bean
    @ConditionalOnMissingBean(MailSender.class)
    JavaMailSenderImpl mailSender(EmbeddedMailServer server) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(server.host());
        sender.setPort(server.smtpPort());
        sender.setDefaultEncoding("UTF-8");
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.connectiontimeout", "5000");
        properties.setProperty("mail.smtp.timeout", "5000");
        properties.setProperty("mail.smtp.writetimeout", "5000");
        sender.setJavaMailProperties(properties);
        return sender;
    }

    /** Before the standalone's "running" line and the demo's sign-ins, which come last. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE - 1)
    void announce(ApplicationReadyEvent ready) {
        EmbeddedMailServer server = ready.getApplicationContext().getBean(EmbeddedMailServer.class);
        String httpPort = ready.getApplicationContext().getEnvironment().getProperty("local.server.port");
        if (httpPort == null) {
            log.info("Outgoing mail is caught by the embedded SMTP server on {}:{} (spring.mail.host is not set)",
                    server.host(), server.smtpPort());
        } else {
            log.info("Outgoing mail is caught by the embedded SMTP server on {}:{} (spring.mail.host is not set); "
                    + "read it at http://localhost:{}/mail", server.host(), server.smtpPort(), httpPort);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @Import(CaughtMailController.class)
    static class CaughtMailWeb {
    }
}
